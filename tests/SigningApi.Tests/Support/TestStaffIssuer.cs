using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// A staff token issuer of the test's own, standing in for the centre's identity provider: it
/// publishes its signing keys as a JWKS document on Kestrel at 127.0.0.1 (keys can be added, which is
/// how an issuer rotates) and signs ES256 access tokens with whatever claims, key id and lifetime a
/// test asks for — including tokens no honest issuer would sign. It shares no code with the service's
/// development issuer.
/// </summary>
public sealed class TestStaffIssuer : IAsyncDisposable
{
    public const string Issuer = "https://idp.centre.test";
    public const string Audience = "onething-api";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<ECDsaSecurityKey> _published = [];
    private int _fetches;

    public Uri JwksUrl { get; }

    /// <summary>The key new tokens are signed with (the newest published).</summary>
    public ECDsaSecurityKey CurrentKey { get; private set; }

    /// <summary>How many times the JWKS document was fetched.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    private TestStaffIssuer(WebApplication app, Uri jwksUrl)
    {
        _app = app;
        JwksUrl = jwksUrl;
        CurrentKey = Publish();
    }

    public static async Task<TestStaffIssuer> StartAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestStaffIssuer(app, new Uri($"http://127.0.0.1:{port}/jwks"));
        app.MapGet("/jwks", (HttpContext _) => Results.Content(issuer.JwksJson(), "application/json"));
        await app.StartAsync();
        return issuer;
    }

    /// <summary>A new key in the JWKS document, signing every token from now on (the old one stays published).</summary>
    public ECDsaSecurityKey Publish()
    {
        var key = NewKey();
        lock (_lock) _published.Add(key);
        CurrentKey = key;
        return key;
    }

    /// <summary>A key this issuer never publishes, with a key id of its own (what a forger has).</summary>
    public static ECDsaSecurityKey NewKey() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>An access token with <paramref name="claims"/> (values: string or string[]), signed by <paramref name="key"/> (default: the current key).</summary>
    public string Token(IReadOnlyDictionary<string, object> claims, ECDsaSecurityKey? key = null, DateTimeOffset? expires = null, string audience = Audience)
    {
        var exp = expires ?? DateTimeOffset.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims.ToDictionary(c => c.Key, c => c.Value),
            IssuedAt = exp.AddMinutes(-40).UtcDateTime,
            NotBefore = exp.AddMinutes(-40).UtcDateTime,
            Expires = exp.UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? CurrentKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>A staff token: subject, roles and, where given, the centre and bank claims under the names given.</summary>
    public string Staff(string subject, string[] roles, IReadOnlyDictionary<string, object>? extra = null, ECDsaSecurityKey? key = null, DateTimeOffset? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = roles };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>()) claims[name] = value;
        return Token(claims, key, expires);
    }

    private string JwksJson()
    {
        Interlocked.Increment(ref _fetches);
        List<ECDsaSecurityKey> keys;
        lock (_lock) keys = [.. _published];
        return JsonSerializer.Serialize(new
        {
            keys = keys.Select(k =>
            {
                var p = k.ECDsa.ExportParameters(false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "EC", ["crv"] = "P-256", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = k.KeyId,
                    ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
                };
            }),
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
