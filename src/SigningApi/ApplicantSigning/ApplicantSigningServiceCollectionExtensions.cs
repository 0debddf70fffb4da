using OneThing.SigningApi.Core;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Limits;

namespace OneThing.SigningApi.ApplicantSigning;

public static class ApplicantSigningServiceCollectionExtensions
{
    /// <summary>The cap around reading and decoding handwriting PNGs.</summary>
    public const string HandwritingDecodeCap = "handwriting-decode";

    /// <summary>Applicant signing: consent, handwriting, server-side and two-phase (on-device) signing, declining.</summary>
    public static IServiceCollection AddApplicantSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApplicantSigningOptions, ApplicantSigningOptionsValidator>(configuration, ApplicantSigningOptions.SectionName);
        services.AddScoped<ApplicantSigningService>();
        services.AddScoped<IDocumentReadReceipts>(sp => sp.GetRequiredService<ApplicantSigningService>());
        services.AddSingleton<PendingDeviceSignatures>();
        services.AddConcurrencyCap(HandwritingDecodeCap, sp =>
        {
            var o = sp.GetRequiredService<IOptions<ApplicantSigningOptions>>().Value;
            return new ConcurrencyCapSettings(o.HandwritingDecodeConcurrency, o.HandwritingDecodeQueueLimit, TimeSpan.FromSeconds(2),
                "Too many signature images are being checked right now; retry shortly.");
        });
        return services;
    }
}
