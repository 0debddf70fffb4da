using Microsoft.Extensions.DependencyInjection.Extensions;
using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Signing;
using OneThing.Seal.Verification;
using OneThing.SigningApi.Cases;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Staff;

namespace OneThing.SigningApi.Signing;

public static class SigningServiceCollectionExtensions
{
    /// <summary>Rendering, the product PKI and TSA, PAdES signing and verification, and the case workflow services.</summary>
    public static IServiceCollection AddCaseSigning(this IServiceCollection services, IConfiguration configuration, DataDirectory data, OneThingOptions root)
    {
        services.AddValidatedOptions<SigningOptions, SigningOptionsValidator>(configuration, SigningOptions.SectionName);
        services.AddSingleton(_ => new ContractDocumentRenderer());
        services.AddProductPki(configuration, data, root);
        services.AddSingleton(sp => new PadesSigner(sp.GetRequiredService<ProductPki>().TimestampClient, sp.GetRequiredService<TimeProvider>()));
        services.AddSealVerification();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseIntakeService>();
        services.AddScoped<CaseDocumentSigner>();
        services.AddScoped<ApplicantSigningService>();
        services.AddScoped<StaffSigningService>();
        return services;
    }

    /// <summary>
    /// The product PKI from <c>OneThing:Pki</c>: provisioned into the data folder on first start in
    /// development mode; loaded (PKCS#12 / PKCS#11 keys) in production mode. Kept if the trust
    /// services wiring registered one already.
    /// </summary>
    private static void AddProductPki(this IServiceCollection services, IConfiguration configuration, DataDirectory data, OneThingOptions root)
    {
        var section = configuration.GetSection($"{OneThingOptions.SectionName}:{PkiOptions.SectionName}");
        var options = section.Get<PkiOptions>() ?? new PkiOptions();
        if (string.IsNullOrEmpty(section[nameof(PkiOptions.Directory)])) options.Directory = data.File("pki");
        if (string.IsNullOrEmpty(section[nameof(PkiOptions.BaseUrl)])) options.BaseUrl = root.PublicBaseUrl;
        var validation = new PkiOptionsValidator().Validate(null, options);
        if (validation.Failed) throw new StartupConfigurationException($"configuration {OneThingOptions.SectionName}:{PkiOptions.SectionName}: {string.Join("; ", validation.Failures)}");
        if (options.Mode == PkiMode.Development)
        {
            services.AddSingleton(new EmbeddedDefault("PKI and TSA", $"development PKI and in-process timestamp authority in {options.Directory} (throw-away keys; no legal value)"));
        }
        services.TryAddSingleton(sp => PkiDirectory.OpenOrProvision(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("OneThing.Pki"), sp.GetRequiredService<TimeProvider>()));
        services.AddHealthChecks().AddCheck<SigningKeysHealthCheck>("keys", tags: ["ready"]);
    }
}
