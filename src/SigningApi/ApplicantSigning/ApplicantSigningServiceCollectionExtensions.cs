using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.ApplicantSigning;

public static class ApplicantSigningServiceCollectionExtensions
{
    /// <summary>Applicant signing: consent, handwriting, server-side and two-phase (on-device) signing, declining.</summary>
    public static IServiceCollection AddApplicantSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApplicantSigningOptions, ApplicantSigningOptionsValidator>(configuration, ApplicantSigningOptions.SectionName);
        services.AddScoped<ApplicantSigningService>();
        services.AddScoped<SigningProgressService>();
        services.AddScoped<IDocumentReadReceipts>(sp => sp.GetRequiredService<ApplicantSigningService>());
        services.AddSingleton<PendingDeviceSignatures>();
        return services;
    }
}
