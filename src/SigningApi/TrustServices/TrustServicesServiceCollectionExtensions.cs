using Microsoft.Extensions.Options;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Pki.Timestamps;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.TrustServices;

public static class TrustServicesServiceCollectionExtensions
{
    /// <summary>
    /// The product's PKI and trust services: <see cref="PkiOptions"/> (section <c>Pki</c>) validated at
    /// start, the PKI loaded (or, in development mode, provisioned) when the host starts, and the
    /// Seal interfaces signing code needs: <see cref="ITimestampClient"/> and <see cref="IRevocationSource"/>,
    /// each counted and traced once, here, for every caller.
    /// </summary>
    public static WebApplicationBuilder AddTrustServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var options = services.AddValidatedOptions<PkiOptions, PkiOptionsValidator>(configuration, PkiOptions.SectionName);
        services.PostConfigure<PkiOptions>(o => Resolve(o, configuration, builder.Environment));
        Resolve(options, configuration, builder.Environment);
        if (options.Mode == PkiMode.Development)
        {
            services.AddSingleton(new EmbeddedDefault("PKI and TSA",
                $"development PKI in {options.Directory} (made on first start; throw-away keys, signatures have no legal value)"));
        }

        services.AddHttpClient(RevocationHttpClient);
        services.AddSingleton(sp =>
        {
            var pkiOptions = sp.GetRequiredService<IOptions<PkiOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("OneThing.Pki");
            var clock = sp.GetRequiredService<TimeProvider>();
            sp.GetRequiredService<Persistence.DatabaseSchema>().EnsureCurrent();
            // Several instances: one development PKI for all, and one record of what its CAs issued and revoked.
            if (pkiOptions.Mode == PkiMode.Development) SharedDevelopmentPki.Materialize(pkiOptions, sp.GetRequiredService<SharedSecrets>(), clock, logger);
            var pki = PkiDirectory.OpenOrProvision(pkiOptions, logger, clock);
            pki.ShareRecordsWith(new DatabaseCertificateLedger(sp.GetRequiredService<IServiceScopeFactory>(), CentrePkis.MainName));
            return pki;
        });
        if (options.ExternalTsaUrl is { Length: > 0 } tsaUrl)
        {
            services.AddHttpClient(ExternalTsaHttpClient);
            services.AddSingleton<ITimestampClient>(sp => new InstrumentedTimestampClient(new HttpTimestampClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(ExternalTsaHttpClient),
                new HttpTimestampClientOptions { Url = new Uri(tsaUrl), TrustAnchors = PemCertificates.Load(options.ExternalTsaTrustAnchorsFile!) },
                sp.GetRequiredService<TimeProvider>())));
        }
        else
        {
            services.AddSingleton<ITimestampClient>(sp => new InstrumentedTimestampClient(sp.GetRequiredService<ProductPki>().TimestampClient));
        }

        services.AddSingleton<IRevocationSource>(sp => new InstrumentedRevocationSource(sp.GetRequiredService<ProductPki>().CreateRevocationSource(
            new Seal.Pki.Revocation.HttpRevocationSource(sp.GetRequiredService<IHttpClientFactory>().CreateClient(RevocationHttpClient), sp.GetRequiredService<TimeProvider>()))));
        services.AddKeyedSingleton(CentrePkis.Sm2Key, (sp, _) =>
        {
            sp.GetRequiredService<Persistence.DatabaseSchema>().EnsureCurrent();
            var pki = Sm2PkiFactory.Open(sp.GetRequiredService<IOptions<PkiOptions>>().Value,
                sp.GetRequiredService<CentreDirectory>(), sp.GetRequiredService<SharedSecrets>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("OneThing.Pki.Sm2"));
            // Its own rows in the shared record, so every instance's /sm2 OCSP and CRLs answer for what any instance issued or revoked.
            pki.ShareRecordsWith(new DatabaseCertificateLedger(sp.GetRequiredService<IServiceScopeFactory>(), CentrePkis.Sm2Key));
            return pki;
        });
        services.AddSingleton(sp =>
        {
            var centres = sp.GetRequiredService<CentreDirectory>();
            var time = sp.GetRequiredService<TimeProvider>();
            var international = new PkiFamily(sp.GetRequiredService<ProductPki>(), sp.GetRequiredService<ITimestampClient>(), sp.GetRequiredService<IRevocationSource>(), time);
            PkiFamily? sm2 = null;
            if (centres.Sm2Centres.Count > 0)
            {
                var pki = sp.GetRequiredKeyedService<ProductPki>(CentrePkis.Sm2Key);
                var revocation = new InstrumentedRevocationSource(pki.CreateRevocationSource(new Seal.Pki.Revocation.HttpRevocationSource(
                    sp.GetRequiredService<IHttpClientFactory>().CreateClient(RevocationHttpClient), time)));
                sm2 = new PkiFamily(pki, new InstrumentedTimestampClient(pki.TimestampClient), revocation, time,
                    Sm2PkiFactory.ElectronicSeals(pki, centres, sp.GetRequiredService<DataDirectory>(), time));
            }
            return new CentrePkis(international, sm2, centres);
        });
        services.AddHostedService<PkiStartup>();
        services.AddTrustServiceLimits(configuration);
        return builder;
    }

    /// <summary>Relative PKI directories live in the service's data folder; the base URL defaults to the service's public address.</summary>
    private static void Resolve(PkiOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var root = configuration.GetSection(OneThingOptions.SectionName).Get<OneThingOptions>() ?? new OneThingOptions();
        var data = Path.GetFullPath(root.DataDirectory, environment.ContentRootPath);
        options.Directory = Path.GetFullPath(options.Directory, data);
        if (string.IsNullOrWhiteSpace(configuration[$"{PkiOptions.SectionName}:{nameof(PkiOptions.BaseUrl)}"]))
        {
            options.BaseUrl = root.PublicBaseUrl;
        }
    }

    /// <summary>Name of the HttpClient used to fetch other CAs' OCSP responses and CRLs.</summary>
    private const string RevocationHttpClient = "OneThing.Revocation";

    private const string ExternalTsaHttpClient = "OneThing.ExternalTsa";
}
