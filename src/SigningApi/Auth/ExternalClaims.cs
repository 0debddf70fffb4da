using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Auth;

/// <summary>
/// The organisation's provider may name the centre and bank claims differently (e.g.
/// <c>org_code</c>); the service reads <see cref="OneThingClaims.Centre"/> and
/// <see cref="OneThingClaims.Bank"/>, so a validated token gets those claims copied under our names.
/// Roles need no copy: the staff scheme's role claim type is <see cref="AuthOptions.RoleClaim"/>.
/// </summary>
internal static class ExternalClaims
{
    public static Task Map(TokenValidatedContext context, AuthOptions options)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity) return Task.CompletedTask;
        Copy(identity, options.CentreClaim, OneThingClaims.Centre);
        Copy(identity, options.BankClaim, OneThingClaims.Bank);
        return Task.CompletedTask;
    }

    private static void Copy(ClaimsIdentity identity, string from, string to)
    {
        if (from == to || identity.HasClaim(c => c.Type == to)) return;
        var value = identity.FindFirst(from)?.Value;
        if (!string.IsNullOrEmpty(value)) identity.AddClaim(new Claim(to, value));
    }
}
