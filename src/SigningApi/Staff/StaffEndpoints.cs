using System.Security.Claims;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Staff;

public static class StaffEndpoints
{
    public static RouteGroupBuilder MapStaffEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Centre staff");

        group.MapPost("/countersign", (Guid id, StaffSigningService staff, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
                staff.CountersignAsync(id, user, ClientInfo.From(http), ct))
            .RequireAuthorization(p => p.RequireRole(Roles.LoanOfficer))
            .WithIdempotency()
            .WithSummary("Loan officer's countersignature on every document (then the seal when the centre seals automatically).")
            .Produces<SigningResult>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/seal", (Guid id, StaffSigningService staff, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
                staff.SealAsync(id, user, ClientInfo.From(http), ct))
            .RequireAuthorization(p => p.RequireRole(Roles.SealOfficer))
            .WithIdempotency()
            .WithSummary("Centre seal (PAdES B-LTA, all fields locked) on every document.")
            .Produces<SigningResult>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var workflow = api.MapGroup("/cases/{id:guid}").WithTags("Workflow");
        workflow.MapPost("/cancel", async (Guid id, CancelRequest request, CaseAccess access, CaseStatusChanges statusChanges, SigningDbContext db,
                ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var reason = (request.Reason ?? "").Trim();
                if (reason.Length is 0 or > 500) throw RequestValidationException.From([("reason", "is required (1 to 500 characters)")]);
                var c = await access.LoadToActAsAsync(id, user, Roles.Admin, ct);
                statusChanges.Cancelled(c, reason, user.SubjectOf(), Roles.Admin, ClientInfo.From(http));
                await db.SaveChangesAsync(ct);
                return c.ToView();
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithIdempotency()
            .WithSummary("Cancel a case before it is sealed (administrators); publishes CaseCancelled.")
            .Produces<CaseView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
