namespace OneThing.SigningApi.Web;

/// <summary>
/// <c>OneThing:Web:SignIn</c>: how staff sign in to the console and the verification page in
/// production — the browser's authorization-code flow with PKCE against the organisation's OpenID
/// Connect provider, as a public client. In the embedded mode the development issuer is used instead.
/// </summary>
public sealed class StaffSignInOptions
{
    public const string SectionName = "OneThing:Web:SignIn";

    /// <summary>OIDC authority the pages sign in with; defaults to <c>OneThing:Auth:Authority</c> (the issuer the API trusts).</summary>
    public string? Authority { get; set; }

    /// <summary>The public client registered at the provider for the pages (redirect URIs /console and /verify).</summary>
    public string? ClientId { get; set; }

    /// <summary>Scopes requested, space-separated; must include <c>openid</c> and whatever scope yields the API's audience.</summary>
    public string? Scope { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
