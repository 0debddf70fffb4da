using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>A person the provider knows: password, roles and the centre or bank claims their tokens carry.</summary>
public sealed record TestUser(string UserName, string Password, string[] Roles, string? Centre = null, string? Bank = null, TimeSpan? TokenLifetime = null);

/// <summary>
/// A real OpenID Connect provider for the browser tests, built with OpenIddict on Kestrel at
/// 127.0.0.1: discovery, authorization endpoint with a login form (and a cancel button), token
/// endpoint (authorization code with PKCE required; client credentials for the approval system),
/// end-session endpoint. Access tokens are signed JWTs (not encrypted) for the audience
/// <c>onething-api</c>, carrying <c>role</c> and <c>centre</c>/<c>bank</c>. Clients and codes live in
/// OpenIddict's Entity Framework Core stores on an in-memory database.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ConsoleClientId = "onething-console";
    public const string ApprovalClientId = "approval-system";
    public const string ApprovalClientSecret = "approval-secret-for-tests";
    public const string ApiScope = "onething-api";
    public const string Audience = "onething-api";
    private const string LoginCookie = "test-idp-login";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _corsOrigins;

    public Uri Authority { get; }

    private TestOidcProvider(WebApplication app, Uri authority, ConcurrentDictionary<string, byte> corsOrigins)
    {
        _app = app;
        Authority = authority;
        _corsOrigins = corsOrigins;
    }

    /// <param name="centreClaim">Name of the claim carrying the centre code (providers name it as they like).</param>
    public static async Task<TestOidcProvider> StartAsync(IReadOnlyList<TestUser> users, string centreClaim = "centre")
    {
        var port = FreePort();
        var authority = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(authority.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        var origins = new ConcurrentDictionary<string, byte>();

        var database = $"oidc-{Guid.NewGuid():N}";
        builder.Services.AddDbContext<DbContext>(o =>
        {
            o.UseInMemoryDatabase(database);
            o.UseOpenIddict();
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                // Cookies ignore ports: a name of its own keeps it apart from anything the service under test sets on 127.0.0.1.
                o.Cookie.Name = LoginCookie;
                o.LoginPath = "/account/login";
            });
        // The pages exchange the code from the service's origin: the token endpoint answers CORS for registered clients only.
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.SetIsOriginAllowed(origin => origins.ContainsKey(origin)).AllowAnyHeader().AllowAnyMethod()));
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow();
                o.RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, ApiScope);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                // The API validates the access token itself: a signed JWT, not an encrypted one.
                o.DisableAccessTokenEncryption();
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseCors();
        app.UseAuthentication();
        var byName = users.ToDictionary(u => u.UserName);
        MapLogin(app, byName);
        MapAuthorize(app, byName, centreClaim);
        MapToken(app);
        MapEndSession(app);

        await app.StartAsync();
        var provider = new TestOidcProvider(app, authority, origins);
        await provider.RegisterApprovalSystemAsync();
        return provider;
    }

    /// <summary>Registers the pages of the service at <paramref name="service"/> as the public client (PKCE required).</summary>
    public async Task RegisterConsoleClientAsync(Uri service)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ConsoleClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "OneThing staff pages",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var page in new[] { "console", "verify" })
        {
            descriptor.RedirectUris.Add(new Uri(service, page));
            descriptor.PostLogoutRedirectUris.Add(new Uri(service, page));
        }
        await manager.CreateAsync(descriptor);
        _corsOrigins[service.GetLeftPart(UriPartial.Authority)] = 0;
    }

    private async Task RegisterApprovalSystemAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ApprovalClientId,
            ClientSecret = ApprovalClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ApiScope },
        });
    }

    /// <summary>A token for the approval system (client credentials), to open cases the way that system does.</summary>
    public async Task<string> ApprovalSystemTokenAsync()
    {
        using var http = new HttpClient { BaseAddress = Authority };
        using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.ClientCredentials,
            ["client_id"] = ApprovalClientId,
            ["client_secret"] = ApprovalClientSecret,
            ["scope"] = ApiScope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"client credentials refused: {(int)response.StatusCode} {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static void MapLogin(WebApplication app, IReadOnlyDictionary<string, TestUser> users)
    {
        app.MapGet("/account/login", (string? returnUrl, string? error) => LoginPage(returnUrl ?? "/", error));
        app.MapPost("/account/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            // Only back into this provider's own authorization endpoint.
            if (!returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal)) return Results.BadRequest("bad returnUrl");
            if (form.ContainsKey("cancel")) return Results.Redirect(returnUrl + "&test_idp_cancel=1");
            if (!users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"].ToString())
                return LoginPage(returnUrl, "用户名或密码错误");
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl);
        });
    }

    private static IResult LoginPage(string returnUrl, string? error)
    {
        var e = HtmlEncoder.Default;
        var html = $"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试身份认证</title></head>
            <body><main><h1>统一身份认证（测试）</h1>
            {(error is null ? "" : $"<p role=\"alert\">{e.Encode(error)}</p>")}
            <form method="post" action="/account/login">
              <input type="hidden" name="returnUrl" value="{e.Encode(returnUrl)}">
              <label for="username">用户名</label><input id="username" name="username" autocomplete="username">
              <label for="password">密码</label><input id="password" name="password" type="password">
              <button type="submit" name="login" value="1">确认登录</button>
              <button type="submit" name="cancel" value="1">取消</button>
            </form></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static void MapAuthorize(WebApplication app, IReadOnlyDictionary<string, TestUser> users, string centreClaim)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
            if (http.Request.Query.ContainsKey("test_idp_cancel"))
            {
                // The person pressed "cancel": the client is told access_denied (with its state), as real providers do.
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user cancelled the sign-in.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            var login = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!login.Succeeded || !users.TryGetValue(login.Principal!.Identity!.Name!, out var user))
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString },
                    [CookieAuthenticationDefaults.AuthenticationScheme]);
            }
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.UserName).SetClaim(Claims.Name, user.UserName);
            identity.SetClaims(Claims.Role, [.. user.Roles]);
            if (user.Centre is not null) identity.SetClaim(centreClaim, user.Centre);
            if (user.Bank is not null) identity.SetClaim("bank", user.Bank);
            identity.SetScopes(request.GetScopes());
            identity.SetResources(Audience);
            if (user.TokenLifetime is { } lifetime) identity.SetAccessTokenLifetime(lifetime);
            identity.SetDestinations(c => c.Type is Claims.Name or Claims.Subject
                ? [Destinations.AccessToken, Destinations.IdentityToken]
                : [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
    }

    private static void MapToken(WebApplication app)
    {
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
            if (request.IsAuthorizationCodeGrantType())
            {
                // OpenIddict has already checked the code, the client, the redirect URI and the PKCE verifier.
                var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }
            if (request.IsClientCredentialsGrantType())
            {
                var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
                identity.SetClaim(Claims.Subject, request.ClientId!).SetClaims(Claims.Role, ["approval-system"]);
                identity.SetScopes(request.GetScopes());
                identity.SetResources(Audience);
                identity.SetDestinations(_ => [Destinations.AccessToken]);
                return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }
            return Results.BadRequest();
        });
    }

    private static void MapEndSession(WebApplication app)
    {
        app.MapMethods("/connect/endsession", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            // OpenIddict sends the browser back to the client's registered post_logout_redirect_uri.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
