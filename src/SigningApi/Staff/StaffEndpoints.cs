using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Staff;

public static class StaffEndpoints
{
    /// <summary>The centre's countersignature, deadline extension and seal, and an administrator's cancellation.</summary>
    public static RouteGroupBuilder MapStaffEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Centre staff");
        var workflow = api.MapGroup("/cases/{id:guid}").WithTags("Workflow");

        group.MapPost("/countersign", Countersign)
            .RequireAuthorization(p => p.RequireRole(Roles.LoanOfficer))
            .WithIdempotency()
            .WithSummary("Loan officer's countersignature on every document (then the seal when the centre seals automatically).")
            .Produces<SigningResult>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/seal", Seal)
            .RequireAuthorization(p => p.RequireRole(Roles.SealOfficer))
            .WithIdempotency()
            .WithSummary("Centre seal (PAdES B-LTA, all fields locked) on every document.")
            .Produces<SigningResult>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/deadline", ExtendDeadline)
            .RequireAuthorization(p => p.RequireRole(Roles.LoanOfficer))
            .WithIdempotency()
            .WithSummary("Loan officer extends the signing deadline of a case awaiting signatures (later than the current deadline, at most 90 days after intake, with a reason); live links cut short by the old deadline run on.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        workflow.MapPost("/cancel", Cancel)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithIdempotency()
            .WithSummary("Cancel a case before it is sealed (administrators); publishes CaseCancelled.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Ok<SigningResult>> Countersign(Guid id, StaffSigningService staff, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await staff.CountersignAsync(id, user, ClientInfo.From(http), ct));

    public static async Task<Ok<SigningResult>> Seal(Guid id, StaffSigningService staff, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await staff.SealAsync(id, user, ClientInfo.From(http), ct));

    public static async Task<Ok<CaseView>> ExtendDeadline(Guid id, DeadlineExtensionRequest request, DeadlineExtension deadlines, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok((await deadlines.ExtendAsync(id, request, user, ClientInfo.From(http), ct)).ToView());

    public static async Task<Ok<CaseView>> Cancel(Guid id, CancelRequest request, CaseAccess access, CaseStatusChanges statusChanges, SigningDbContext db,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var reason = (request.Reason ?? "").Trim();
        if (reason.Length is 0 or > 500) throw RequestValidationException.From([("reason", "is required (1 to 500 characters)")]);
        var c = await access.LoadToActAsAsync(id, user, Roles.Admin, ct);
        statusChanges.Cancelled(c, reason, user.SubjectOf(), Roles.Admin, ClientInfo.From(http));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(c.ToView());
    }
}
