using System.Security.Claims;
using OneThing.ContractTemplates.Cases;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.PostSeal;

public static class DisbursementEndpoints
{
    public static RouteGroupBuilder MapDisbursementEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Workflow");

        group.MapPost("/disbursement", async (Guid id, DisbursementReport report, CaseAccess access, CaseStatusChanges statusChanges, SigningDbContext db,
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
                statusChanges.Disbursed(c, report.BankReference!.Trim(), amount, report.DisbursedAt ?? time.GetUtcNow(), user.SubjectOf(), Roles.Bank, ClientInfo.From(http), announce: true);
                await db.SaveChangesAsync(ct);
                return c.ToView();
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Bank))
            .WithIdempotency()
            .WithSummary("The entrusted bank reports that it disbursed the loan (case must be DisbursementRequested); publishes LoanDisbursed.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
