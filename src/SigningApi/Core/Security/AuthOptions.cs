
namespace OneThing.SigningApi.Core.Security;

/// <summary>
/// <c>OneThing:Auth</c>. Staff and systems authenticate with tokens from an external OpenID Connect
/// issuer (<see cref="Authority"/> or <see cref="JwksUrl"/>); with neither set the embedded
/// development issuer signs tokens and its endpoint is mapped.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "OneThing:Auth";

    /// <summary>OIDC authority; its discovery document supplies issuer and keys.</summary>
    public string? Authority { get; set; }

    /// <summary>JWKS URL for issuers without discovery; <see cref="Issuer"/> is then required.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Expected <c>iss</c> of staff tokens (defaults to the authority's).</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c> of staff tokens.</summary>
    public string Audience { get; set; } = "onething-api";

    /// <summary>Claim carrying roles in external tokens.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Claim carrying an officer's centre code in external tokens (read as <c>centre</c>).</summary>
    public string CentreClaim { get; set; } = OneThingClaims.Centre;

    /// <summary>Claim carrying an entrusted bank's code in external tokens (read as <c>bank</c>).</summary>
    public string BankClaim { get; set; } = OneThingClaims.Bank;

    /// <summary>Require HTTPS for the authority metadata (switch off only for a local test issuer).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Base64 HMAC key (≥ 32 bytes) signing the service's own applicant access tokens; required with
    /// an external issuer so every instance accepts the others' tokens. Embedded mode keeps one in the data folder.
    /// </summary>
    public string? ApplicantTokenKey { get; set; }

    public TimeSpan ApplicantTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(JwksUrl);
}
