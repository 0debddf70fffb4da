using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Two bearer schemes behind one: staff/system tokens from the external OIDC issuer (or the
    /// embedded development issuer) and applicant tokens minted by this service after the link flow.
    /// Every endpoint requires an authenticated caller unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddOneThingAuth(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        var options = services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.SectionName);

        // Every instance must accept the tokens any other issued: the configured key, or else one made
        // once and kept in the case database (seeded from the key file an older version left, if any).
        services.AddSingleton(sp => new ApplicantTokenIssuer(
            () => new SymmetricSecurityKey(string.IsNullOrWhiteSpace(options.ApplicantTokenKey)
                ? sp.GetRequiredService<SharedSecrets>().GetOrCreate("applicant-token-key", () => SigningKeyFile.ReadSecretOr(data.File("applicant-token.key"), SharedSecrets.RandomKey))
                : Convert.FromBase64String(options.ApplicantTokenKey)) { KeyId = "applicant-access" },
            options.Audience, options.ApplicantTokenLifetime, sp.GetRequiredService<TimeProvider>()));

        var development = options.IsEmbedded;
        if (development)
        {
            services.AddSingleton(sp => new DevelopmentTokenIssuer(
                () => new ECDsaSecurityKey(SigningKeyFile.ImportEcdsa(sp.GetRequiredService<SharedSecrets>().GetOrCreate("development-token-issuer-key",
                    () => SigningKeyFile.ReadEcdsaOr(data.File("dev-token-issuer.pem"))))) { KeyId = "dev-issuer" },
                options.Audience, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton(new EmbeddedDefault("token issuer", "development token issuer (POST /api/v1/dev/tokens); staff tokens are not from an OpenID Connect provider"));
        }

        services.AddAuthentication(AuthSchemes.Bearer)
            .AddPolicyScheme(AuthSchemes.Bearer, "Staff or applicant bearer token", o =>
            {
                o.ForwardDefaultSelector = context => IsApplicantToken(context.Request.Headers.Authorization.ToString())
                    ? AuthSchemes.Applicant
                    : AuthSchemes.Staff;
            })
            .AddJwtBearer(AuthSchemes.Applicant, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthSchemes.ApplicantIssuer,
                    ValidAudience = options.Audience,
                    NameClaimType = OneThingClaims.Subject,
                    RoleClaimType = OneThingClaims.Role,
                    ClockSkew = ClockSkew,
                };
                o.Events = new JwtBearerEvents { OnTokenValidated = ApplicantTokenBinding.ValidateAsync };
            })
            .AddJwtBearer(AuthSchemes.Staff, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = options.Audience,
                    NameClaimType = OneThingClaims.Subject,
                    RoleClaimType = options.RoleClaim,
                    ClockSkew = ClockSkew,
                };
                if (development)
                {
                    o.TokenValidationParameters.ValidIssuer = AuthSchemes.DevelopmentIssuer;
                }
                else if (!string.IsNullOrWhiteSpace(options.Authority))
                {
                    o.Authority = options.Authority;
                    o.RequireHttpsMetadata = options.RequireHttpsMetadata;
                    o.AutomaticRefreshInterval = KeySetRefreshInterval;
                    o.RefreshInterval = UnknownKeyRefreshInterval;
                    if (!string.IsNullOrWhiteSpace(options.Issuer)) o.TokenValidationParameters.ValidIssuer = options.Issuer;
                }
                else
                {
                    o.TokenValidationParameters.ValidIssuer = options.Issuer;
                    o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                        options.JwksUrl!, new JwksConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = options.RequireHttpsMetadata })
                    {
                        AutomaticRefreshInterval = KeySetRefreshInterval,
                        RefreshInterval = UnknownKeyRefreshInterval,
                    };
                }
                o.Events = new JwtBearerEvents { OnTokenValidated = context => ExternalClaims.Map(context, options) };
            });
        // Why a token failed (wrong key, expired, audience) helps a developer and an attacker alike.
        foreach (var scheme in new[] { AuthSchemes.Staff, AuthSchemes.Applicant })
        {
            services.AddOptions<JwtBearerOptions>(scheme).Configure<IHostEnvironment>((o, environment) => o.IncludeErrorDetails = environment.IsDevelopment());
        }

        // After the schemes' own settings (which create the validation parameters): the shared keys, read on first use.
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Applicant).Configure<ApplicantTokenIssuer>((o, issuer) => o.TokenValidationParameters.IssuerSigningKey = issuer.Key);
        if (development)
            services.AddOptions<JwtBearerOptions>(AuthSchemes.Staff).Configure<DevelopmentTokenIssuer>((o, issuer) => o.TokenValidationParameters.IssuerSigningKey = issuer.Key);

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Bearer).RequireAuthenticatedUser().Build())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Bearer).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>Tolerated difference between the issuers' clocks and ours for exp and nbf (documented in docs/operations.md).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>How often the staff issuer's keys are fetched anyway, so a key it withdrew stops being trusted.</summary>
    public static readonly TimeSpan KeySetRefreshInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The least time between two fetches a token with an unknown key id asks for. The library's five
    /// minutes let one forged token (any kid) spend the refresh, so the issuer's genuinely new key
    /// was refused for five minutes; a few seconds bound that delay, at one key-set fetch per interval at most.
    /// </summary>
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromSeconds(5);

    private static bool IsApplicantToken(string authorization)
    {
        const string prefix = "Bearer ";
        if (!authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var handler = new JsonWebTokenHandler();
        var raw = authorization[prefix.Length..].Trim();
        if (!handler.CanReadToken(raw)) return false;
        try
        {
            // Unvalidated peek at iss only to pick the scheme; the chosen scheme validates everything.
            return handler.ReadJsonWebToken(raw).Issuer == AuthSchemes.ApplicantIssuer;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
