using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Auth;

/// <summary>Staff token request to the development issuer.</summary>
public sealed record DevelopmentTokenRequest(string Subject, IReadOnlyList<string> Roles, string? Centre, string? Bank, int? LifetimeMinutes);

public static class DevelopmentEndpoints
{
    /// <summary>Mapped only when the embedded development issuer is in use (no external OIDC issuer configured).</summary>
    public static RouteGroupBuilder MapDevelopmentEndpoints(this RouteGroupBuilder api)
    {
        var dev = api.MapGroup("/dev").WithTags("Development (embedded mode only)").AllowAnonymous();

        dev.MapPost("/tokens", IssueToken)
            .WithSummary("Issue a staff/system token from the development issuer.");
        return api;
    }

    public static Ok<IssuedToken> IssueToken(DevelopmentTokenRequest request, DevelopmentTokenIssuer issuer)
    {
        if (string.IsNullOrWhiteSpace(request.Subject)) throw ApiProblemException.BadRequest("subject is required.", "invalid-token-request");
        if (request.Roles is null || request.Roles.Count == 0) throw ApiProblemException.BadRequest("roles must name at least one role.", "invalid-token-request");
        var unknown = request.Roles.Where(r => !Roles.Staff.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw ApiProblemException.BadRequest(
                $"unknown or non-staff role(s): {string.Join(", ", unknown)}; staff roles are {string.Join(", ", Roles.Staff)} (applicants sign in through their link).",
                "invalid-token-request");
        }
        if (request.Roles.Any(r => r is Roles.LoanOfficer or Roles.SealOfficer) && string.IsNullOrWhiteSpace(request.Centre))
            throw ApiProblemException.BadRequest("officers need centre (the centre code whose cases they handle).", "invalid-token-request");
        if (request.Roles.Contains(Roles.Bank) && string.IsNullOrWhiteSpace(request.Bank))
            throw ApiProblemException.BadRequest("the bank role needs bank (the entrusted bank's code).", "invalid-token-request");
        var lifetime = TimeSpan.FromMinutes(Math.Clamp(request.LifetimeMinutes ?? 60, 1, 24 * 60));
        return TypedResults.Ok(issuer.Issue(request.Subject, request.Roles, request.Centre, request.Bank, lifetime));
    }
}
