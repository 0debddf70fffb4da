using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Web;

/// <summary>How the staff pages sign in: <c>development</c>, <c>oidc</c> or <c>unavailable</c> (an external issuer without a browser client).</summary>
public sealed record StaffSignInConfig(string Mode, string? Authority, string? ClientId, string? Scope);

/// <summary>The signed-in staff member as the API sees them (from the validated token's claims).</summary>
public sealed record StaffCaller(string Subject, IReadOnlyList<string> Roles, string? Centre, string? Bank);

internal static class WebEndpoints
{
    public static void MapWebEndpoints(this IEndpointRouteBuilder app)
    {
        var web = app.MapGroup("/api/v1/web").WithTags("Web front ends");

        web.MapGet("/config", GetSignInConfig)
            .AllowAnonymous()
            .WithSummary("How the staff console and the verification page sign in.")
            .WithDescription("Anonymous. mode = development (the embedded development issuer, POST /api/v1/dev/tokens), oidc (authorization code + PKCE against authority as the public client clientId, requesting scope), or unavailable.");

        web.MapGet("/me", GetSignedInStaff)
            .WithSummary("The signed-in staff member: subject, staff roles, centre and bank as read from the token.")
            .WithDescription("Staff tokens only; 403 (code no-staff-role) for a token without a staff role, e.g. an applicant's.")
            .Produces<StaffCaller>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static Ok<StaffSignInConfig> GetSignInConfig(IOptions<StaffSignInOptions> options, IServiceProvider services)
    {
        if (services.GetService<DevelopmentTokenIssuer>() is not null) return TypedResults.Ok(new StaffSignInConfig("development", null, null, null));
        var o = options.Value;
        return TypedResults.Ok(o.IsConfigured ? new StaffSignInConfig("oidc", o.Authority, o.ClientId, o.Scope) : new StaffSignInConfig("unavailable", null, null, null));
    }

    public static Ok<StaffCaller> GetSignedInStaff(ClaimsPrincipal user)
    {
        var roles = Roles.Staff.Where(user.IsInRole).ToList();
        if (roles.Count == 0)
            throw ApiProblemException.Forbidden("the token carries no staff role (loan-officer, seal-officer, auditor, bank, admin, approval-system).", "no-staff-role");
        return TypedResults.Ok(new StaffCaller(user.SubjectOf(), roles, user.CentreOf(), user.BankOf()));
    }
}
