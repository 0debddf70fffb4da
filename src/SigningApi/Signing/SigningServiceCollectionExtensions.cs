using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Pki.Timestamps;
using OneThing.Seal.Signing;
using OneThing.Seal.Verification;
using OneThing.SigningApi.Cases;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Staff;

namespace OneThing.SigningApi.Signing;

public static class SigningServiceCollectionExtensions
{
    /// <summary>Rendering, the product PKI and TSA, PAdES signing and verification, and the case workflow services.</summary>
    public static IServiceCollection AddCaseSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SigningOptions, SigningOptionsValidator>(configuration, SigningOptions.SectionName);
        services.AddSingleton(_ => new ContractDocumentRenderer());
        // ProductPki, ITimestampClient and IRevocationSource come from the trust services wiring (AddTrustServices).
        services.AddSigningKeysCheck();
        services.AddSingleton(sp => new PadesSigner(sp.GetRequiredService<ITimestampClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSealVerification();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseIntakeService>();
        services.AddScoped<CaseDocumentSigner>();
        services.AddScoped<ApplicantSigningService>();
        services.AddSingleton<PendingDeviceSignatures>();
        services.AddSingleton<CaseSigningGate>();
        services.AddScoped<StaffSigningService>();
        return services;
    }

    private static void AddSigningKeysCheck(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SigningKeysHealthCheck>("keys", tags: ["ready"]);
    }
}
