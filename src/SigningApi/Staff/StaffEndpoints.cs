using System.Security.Claims;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Idempotency;
using OneThing.SigningApi.Signing;

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
        return api;
    }
}
