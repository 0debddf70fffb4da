using OneThing.SigningApi.Core;

namespace OneThing.SigningApi.Access;

public static class ApplicantAccessEndpoints
{
    /// <summary>
    /// The link secret in the path is the credential for these three calls (the applicant has no
    /// token yet); each is rate limited per client address and counted per link.
    /// </summary>
    public static RouteGroupBuilder MapApplicantAccessEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/access/{linkToken}").WithTags("Applicant access").AllowAnonymous()
            .RequireRateLimiting(AccessRateLimits.PolicyName);

        group.MapPost("/identity", (string linkToken, IdentityCheckRequest request, ApplicantAccessService access, HttpContext http, CancellationToken ct) =>
                access.CheckIdentityAsync(linkToken, request, ClientInfo.From(http), ct))
            .WithSummary("Check name and ID number against the case; sends a one-time code to the phone on file.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/code/resend", (string linkToken, ApplicantAccessService access, HttpContext http, CancellationToken ct) =>
                access.ResendCodeAsync(linkToken, ClientInfo.From(http), ct))
            .WithSummary("Send a new one-time code (after the cooldown).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status423Locked);

        group.MapPost("/code", (string linkToken, CodeCheckRequest request, ApplicantAccessService access, HttpContext http, CancellationToken ct) =>
                access.CheckCodeAsync(linkToken, request, ClientInfo.From(http), ct))
            .WithSummary("Check the one-time code; returns the applicant's short-lived access token.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status423Locked).ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }
}
