using System.Security.Claims;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Access;

public static class PartyInvitationEndpoints
{
    public static RouteGroupBuilder MapPartyInvitationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/cases/{id:guid}/parties/{partyId:guid}/invitation",
                (Guid id, Guid partyId, PartyInvitations invitations, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
                    invitations.ReinviteAsync(id, partyId, user, ClientInfo.From(http), ct))
            .RequireAuthorization(p => p.RequireRole(Roles.LoanOfficer))
            .WithIdempotency()
            .WithTags("Centre staff")
            .WithSummary("Sends a party who has not signed a new signing link by SMS (their earlier unspent links stop working).")
            .Produces<InvitationView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }
}
