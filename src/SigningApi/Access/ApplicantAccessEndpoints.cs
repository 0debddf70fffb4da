using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Access;

public static class ApplicantAccessEndpoints
{
    /// <summary>
    /// The link secret in the path is the credential for the three access calls (the applicant has no
    /// token yet); each is rate limited per client address and counted per link. A loan officer sends
    /// a party a new link.
    /// </summary>
    public static RouteGroupBuilder MapApplicantAccessEndpoints(this RouteGroupBuilder api)
    {
        var access = api.MapGroup("/access/{linkToken}").WithTags("Applicant access").AllowAnonymous()
            .RequireRateLimiting(AccessRateLimits.PolicyName).WithMetadata(AccessRateLimits.Problem);

        access.MapGet("/", Landing)
            .WithSummary("What the link is for, before identity: centre and phone, contract number, loan amount and term, deadline, and whether the holder must wait for another signer.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status409Conflict);
        access.MapPost("/identity", CheckIdentity)
            .WithSummary("Check name and ID number against the case; sends a one-time code to the phone on file and binds the code step to this client (cookie onething-access). Another client with the same link must pass this check again.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status410Gone);
        access.MapPost("/code/resend", ResendCode)
            .WithSummary("Send a new one-time code (after the cooldown); only from the client that passed the identity check.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status423Locked);
        access.MapPost("/code", CheckCode)
            .WithSummary("Check the one-time code (only from the client that passed the identity check); returns the applicant's short-lived access token and starts a new access session: tokens of earlier sessions stop working, and reads, consent and handwriting start over.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status410Gone);

        api.MapPost("/cases/{id:guid}/parties/{partyId:guid}/invitation", ReinviteParty)
            .RequireAuthorization(p => p.RequireRole(Roles.LoanOfficer))
            .WithIdempotency()
            .WithTags("Centre staff")
            .WithSummary("Sends a party who has not signed a new signing link by SMS (their earlier unspent links stop working).")
            .Produces<InvitationView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Ok<LinkLanding>> Landing(string linkToken, ApplicantAccessService access, CancellationToken ct) =>
        TypedResults.Ok(await access.LandingAsync(linkToken, ct));

    /// <summary>The cookie that carries the identity check's session secret back to the code step (HttpOnly, this link's path only).</summary>
    public const string SessionCookie = "onething-access";

    public static async Task<Ok<CodeChallenge>> CheckIdentity(
        string linkToken, IdentityCheckRequest request, ApplicantAccessService access, HttpContext http, CancellationToken ct)
    {
        var (challenge, session) = await access.CheckIdentityAsync(linkToken, request, ClientInfo.From(http), ct);
        http.Response.Cookies.Append(SessionCookie, session, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = $"{http.Request.PathBase}/api/v1/access/{linkToken}",
            MaxAge = TimeSpan.FromHours(1),
            IsEssential = true,
        });
        return TypedResults.Ok(challenge);
    }

    public static async Task<Ok<CodeChallenge>> ResendCode(string linkToken, ApplicantAccessService access, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await access.ResendCodeAsync(linkToken, http.Request.Cookies[SessionCookie], ClientInfo.From(http), ct));

    public static async Task<Ok<ApplicantAccess>> CheckCode(
        string linkToken, CodeCheckRequest request, ApplicantAccessService access, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await access.CheckCodeAsync(linkToken, request, http.Request.Cookies[SessionCookie], ClientInfo.From(http), ct));

    public static async Task<Ok<InvitationView>> ReinviteParty(
        Guid id, Guid partyId, PartyInvitations invitations, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await invitations.ReinviteAsync(id, partyId, user, ClientInfo.From(http), ct));
}
