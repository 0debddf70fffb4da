using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Auth;

/// <summary>
/// What the service reads from a validated staff token. The organisation's provider may name the
/// centre and bank claims differently (e.g. <c>org_code</c>); the service reads
/// <see cref="OneThingClaims.Centre"/> and <see cref="OneThingClaims.Bank"/>, so the configured
/// claims are copied under those names — and only they: a claim already carrying our name (another
/// attribute the provider lets users or other clients set) is dropped, never preferred. Roles need no
/// copy (the staff scheme's role claim type is <see cref="AuthOptions.RoleClaim"/>), but a staff
/// token never grants <see cref="Roles.Applicant"/>: that role comes only from this service's own
/// link flow, so a staff token claiming it is refused.
/// </summary>
internal static class ExternalClaims
{
    public static Task Map(TokenValidatedContext context, AuthOptions options)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
        if (identity.FindAll(identity.RoleClaimType).Any(c => c.Value == Roles.Applicant))
        {
            context.Fail("a staff issuer's token cannot carry the applicant role");
            return Task.CompletedTask;
        }
        Replace(identity, options.CentreClaim, OneThingClaims.Centre);
        Replace(identity, options.BankClaim, OneThingClaims.Bank);
        return Task.CompletedTask;
    }

    private static void Replace(ClaimsIdentity identity, string from, string to)
    {
        if (from == to) return;
        var value = identity.FindFirst(from)?.Value;
        foreach (var claim in identity.FindAll(to).ToList()) identity.RemoveClaim(claim);
        if (!string.IsNullOrEmpty(value)) identity.AddClaim(new Claim(to, value));
    }
}
