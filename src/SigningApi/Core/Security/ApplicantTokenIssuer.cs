using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OneThing.SigningApi.Core.Security;

/// <summary>
/// Issues the short-lived token an applicant gets after the identity check and one-time code:
/// role <c>applicant</c>, scoped to one case and one party. Signed with the service's own HMAC key,
/// the same on every instance (configured, or kept in the case database), read on first use.
/// </summary>
public sealed class ApplicantTokenIssuer(Func<SymmetricSecurityKey> key, string audience, TimeSpan lifetime, TimeProvider time)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(key);

    public SecurityKey Key => _key.Value;

    public IssuedToken Issue(Guid caseId, Guid partyId, Guid linkId)
    {
        var now = time.GetUtcNow();
        var expires = now + lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSchemes.ApplicantIssuer,
            Audience = audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(OneThingClaims.Subject, $"applicant:{partyId}"),
                new Claim(OneThingClaims.Role, Roles.Applicant),
                new Claim(OneThingClaims.Case, caseId.ToString()),
                new Claim(OneThingClaims.Party, partyId.ToString()),
                new Claim(OneThingClaims.Link, linkId.ToString()),
            ]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key.Value, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}
