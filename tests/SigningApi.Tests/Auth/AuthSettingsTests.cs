using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Tests.Auth;

/// <summary>The staff issuer's address is checked at start: metadata and keys come over HTTPS unless a test issuer says otherwise.</summary>
public sealed class AuthSettingsTests
{
    private static readonly string TestKey = Convert.ToBase64String(new byte[32]);

    [Theory]
    [InlineData("http://idp.centre.example/realms/staff", null)]
    [InlineData(null, "http://idp.centre.example/jwks")]
    public void A_plain_http_issuer_address_stops_start_up_unless_RequireHttpsMetadata_is_false(string? authority, string? jwksUrl)
    {
        var options = new AuthOptions { Authority = authority, JwksUrl = jwksUrl, Issuer = "https://idp.centre.example", ApplicantTokenKey = TestKey };
        var refused = new AuthOptionsValidator().Validate(null, options);
        Assert.True(refused.Failed);
        Assert.Contains("is not HTTPS", refused.FailureMessage);
        Assert.Contains("RequireHttpsMetadata=false", refused.FailureMessage);

        options.RequireHttpsMetadata = false;
        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("https://idp.centre.example/realms/staff", null)]
    [InlineData(null, "https://idp.centre.example/jwks")]
    public void An_https_issuer_address_is_accepted(string? authority, string? jwksUrl)
    {
        var options = new AuthOptions { Authority = authority, JwksUrl = jwksUrl, Issuer = "https://idp.centre.example", ApplicantTokenKey = TestKey };
        Assert.True(new AuthOptionsValidator().Validate(null, options).Succeeded);
    }
}
