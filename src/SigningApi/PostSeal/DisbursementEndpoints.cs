using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.ContractTemplates.Cases;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.PostSeal;

/// <summary>What recording a disbursement needs besides the request.</summary>
public sealed record DisbursementServices(CaseAccess Access, CaseStatusChanges StatusChanges, SigningDbContext Db, TimeProvider Time);

public static class DisbursementEndpoints
{
    /// <summary>The bank's report over the API, for banks that do not publish LoanDisbursed themselves.</summary>
    public static RouteGroupBuilder MapDisbursementEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Workflow");

        group.MapPost("/disbursement", ReportDisbursement)
            .RequireAuthorization(p => p.RequireRole(Roles.Bank))
            .WithIdempotency()
            .WithSummary("The entrusted bank reports that it disbursed the loan (case must be DisbursementRequested); publishes LoanDisbursed.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Ok<CaseView>> ReportDisbursement(Guid id, DisbursementReport report, [AsParameters] DisbursementServices services,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var c = await services.Access.LoadToActAsAsync(id, user, Roles.Bank, ct);
        var amount = ContractCaseJson.Parse(c.CaseJson).Loan.AmountFen;
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(report.BankReference) || report.BankReference.Length > 64) problems.Add(("bankReference", "is required (1 to 64 characters)"));
        if (report.AmountFen is null) problems.Add(("amountFen", "is required"));
        else if (report.AmountFen != amount) problems.Add(("amountFen", $"must equal the contract's loan amount ({amount} fen)"));
        if (report.DisbursedAt is { } at && at > services.Time.GetUtcNow().AddMinutes(5)) problems.Add(("disbursedAt", "lies in the future"));
        if (problems.Count > 0) throw RequestValidationException.From(problems);
        if (c.Status != CaseStatus.DisbursementRequested)
            throw ApiProblemException.Conflict($"The case is {c.Status}; a disbursement can be reported only after it was requested (DisbursementRequested).", "not-awaiting-disbursement");
        services.StatusChanges.Disbursed(c, report.BankReference!.Trim(), amount, report.DisbursedAt ?? services.Time.GetUtcNow(),
            user.SubjectOf(), Roles.Bank, ClientInfo.From(http), announce: true);
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(c.ToView());
    }
}
