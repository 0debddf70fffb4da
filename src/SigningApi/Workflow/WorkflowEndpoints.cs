using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.ContractTemplates.Cases;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Cases;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Idempotency;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Problems;

namespace OneThing.SigningApi.Workflow;

public static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapCaseWorkflow(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Workflow");

        group.MapPost("/disbursement", async (Guid id, DisbursementReport report, CaseAccess access, PostSealSteps steps, SigningDbContext db,
                TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var c = await access.LoadToActAsAsync(id, user, Roles.Bank, ct);
                var amount = ContractCaseJson.Parse(c.CaseJson).Loan.AmountFen;
                var problems = new List<(string, string)>();
                if (string.IsNullOrWhiteSpace(report.BankReference) || report.BankReference.Length > 64) problems.Add(("bankReference", "is required (1 to 64 characters)"));
                if (report.AmountFen is null) problems.Add(("amountFen", "is required"));
                else if (report.AmountFen != amount) problems.Add(("amountFen", $"must equal the contract's loan amount ({amount} fen)"));
                if (report.DisbursedAt is { } at && at > time.GetUtcNow().AddMinutes(5)) problems.Add(("disbursedAt", "lies in the future"));
                if (problems.Count > 0) throw RequestValidationException.From(problems);
                if (c.Status != CaseStatus.DisbursementRequested)
                    throw ApiProblemException.Conflict($"The case is {c.Status}; a disbursement can be reported only after it was requested (DisbursementRequested).", "not-awaiting-disbursement");
                steps.RecordDisbursed(db, c, report.BankReference!.Trim(), amount, report.DisbursedAt ?? time.GetUtcNow(), user.SubjectOf(), Roles.Bank, ClientInfo.From(http), announce: true);
                await db.SaveChangesAsync(ct);
                return c.ToView();
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Bank))
            .WithIdempotency()
            .WithSummary("The entrusted bank reports that it disbursed the loan (case must be DisbursementRequested); publishes LoanDisbursed.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/cancel", async (Guid id, CancelRequest request, CaseAccess access, PostSealSteps steps, SigningDbContext db,
                ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var reason = (request.Reason ?? "").Trim();
                if (reason.Length is 0 or > 500) throw RequestValidationException.From([("reason", "is required (1 to 500 characters)")]);
                var c = await access.LoadToActAsAsync(id, user, Roles.Admin, ct);
                steps.Cancel(db, c, reason, user.SubjectOf(), Roles.Admin, ClientInfo.From(http));
                await db.SaveChangesAsync(ct);
                return c.ToView();
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithIdempotency()
            .WithSummary("Cancel a case before it is sealed (administrators); publishes CaseCancelled.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/transitions", async (Guid id, CaseAccess access, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var c = await access.LoadAsync(id, user, ct);
                return await db.Set<CaseTransition>().AsNoTracking().Where(t => t.CaseId == c.Id).OrderBy(t => t.Id)
                    .Select(t => new TransitionView(t.From, t.To, t.Actor, t.ActorRole, t.At, t.Reason)).ToListAsync(ct);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Staff))
            .WithSummary("Every state change of the case (from, to, who, role, when, why).");

        group.MapGet("/audit", async (Guid id, CaseAccess access, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var c = await access.LoadAsync(id, user, ct);
                return await db.Set<AuditEntry>().AsNoTracking().Where(e => e.CaseId == c.Id).OrderBy(e => e.Id).ToListAsync(ct);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .WithTags("Audit")
            .WithSummary("The case's audit entries with their chain positions and hashes.");

        api.MapGet("/audit/verify", async (AuditChainer chainer, AuditVerifier verifier, CancellationToken ct) =>
            {
                await chainer.ChainPendingAsync(ct);
                return await verifier.VerifyAsync(ct);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .WithTags("Audit")
            .WithSummary("Recompute the whole audit hash chain; reports the first entry that was edited, inserted or removed.");
        return api;
    }
}
