using OneThing.SigningApi.Core;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Core.Limits;

namespace OneThing.SigningApi.ApplicantSigning;

public static class ApplicantSigningServiceCollectionExtensions
{
    /// <summary>The per-party limit on two-phase prepares (each issues a certificate).</summary>
    public const string DevicePreparePolicy = "device-prepare-per-party";

    public static readonly RateLimitProblem DevicePrepareProblem = new("Too many on-device signatures prepared for you recently; wait and retry.");

    /// <summary>The cap around reading and decoding handwriting PNGs.</summary>
    public const string HandwritingDecodeCap = "handwriting-decode";

    /// <summary>Applicant signing: consent, handwriting, server-side and two-phase (on-device) signing, declining.</summary>
    public static IServiceCollection AddApplicantSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApplicantSigningOptions, ApplicantSigningOptionsValidator>(configuration, ApplicantSigningOptions.SectionName);
        services.AddScoped<ApplicantSigningService>();
        services.AddScoped<SigningProgressService>();
        services.AddScoped<IDocumentReadReceipts>(sp => sp.GetRequiredService<ApplicantSigningService>());
        services.AddSingleton<PendingDeviceSignatures>();
        services.AddHostedService<PendingDeviceSignatureSweeper>();
        services.AddSingleton<DeviceKeyChallenges>();
        services.AddRateLimitRejections();
        services.AddRateLimiter(o => o.AddPolicy(DevicePreparePolicy, http =>
        {
            var signing = http.RequestServices.GetRequiredService<IOptions<ApplicantSigningOptions>>().Value;
            // Per party, wherever they connect from: each prepare issues a certificate in their name.
            // Callers without a party are not applicants: authorization refuses them, so they draw on no one's allowance.
            if (http.User.FindFirst(OneThing.SigningApi.Core.Security.OneThingClaims.Party)?.Value is not { } party)
                return System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("not-an-applicant");
            // Counted in the shared database, so a party behind a load balancer gets the allowance once, not once per instance.
            var limits = http.RequestServices.GetRequiredService<SharedRateLimits>();
            return System.Threading.RateLimiting.RateLimitPartition.Get(party,
                key => new SharedWindowRateLimiter(limits, $"{DevicePreparePolicy}:{key}", signing.DevicePreparesPerWindow, signing.DevicePrepareWindow));
        }));
        services.AddConcurrencyCap(HandwritingDecodeCap, sp =>
        {
            var o = sp.GetRequiredService<IOptions<ApplicantSigningOptions>>().Value;
            return new ConcurrencyCapSettings(o.HandwritingDecodeConcurrency, o.HandwritingDecodeQueueLimit, TimeSpan.FromSeconds(2),
                "Too many signature images are being checked right now; retry shortly.");
        });
        return services;
    }
}
