using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OneThing.SigningApi.Core.Security;

/// <summary>
/// Embedded mode only: signs staff tokens (ES256), standing in for the centre's OpenID Connect issuer
/// so the whole path can be exercised without one. The key is shared by every instance (kept in the
/// case database) and read on first use, after the migrations ran.
/// </summary>
public sealed class DevelopmentTokenIssuer(Func<SecurityKey> key, string audience, TimeProvider time)
{
    private readonly Lazy<SecurityKey> _key = new(key);

    public SecurityKey Key => _key.Value;

    public IssuedToken Issue(string subject, IReadOnlyCollection<string> roles, string? centre, string? bank, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(OneThingClaims.Subject, subject) };
        claims.AddRange(roles.Select(r => new Claim(OneThingClaims.Role, r)));
        if (centre is not null) claims.Add(new Claim(OneThingClaims.Centre, centre));
        if (bank is not null) claims.Add(new Claim(OneThingClaims.Bank, bank));
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSchemes.DevelopmentIssuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.EcdsaSha256),
        });
        return new IssuedToken(token, expires);
    }
}
