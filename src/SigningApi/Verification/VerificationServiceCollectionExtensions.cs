using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Verification;

public static class VerificationServiceCollectionExtensions
{
    public const string RatePolicy = "verify-per-caller";
    public const string Cap = "verify";

    public static readonly RateLimitProblem RateProblem = new("Too many verifications from this caller; wait and retry.");

    /// <summary>
    /// Verification of uploaded PDFs (the verifier itself is the core's: the evidence report uses it
    /// too): a per-caller rate limit and a concurrency cap with a queue, both from validated options.
    /// </summary>
    public static IServiceCollection AddUploadVerification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<VerificationOptions, VerificationOptionsValidator>(configuration, VerificationOptions.SectionName);
        services.AddSingleton<OwnRevocationEvidence>();
        services.AddRateLimitRejections();
        services.AddRateLimiter(o => o.AddPolicy(RatePolicy, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<VerificationOptions>>().Value;
            // Callers are signed in, so the token's subject is the caller wherever they connect from.
            return RateLimitPartition.GetFixedWindowLimiter(http.User.SubjectOf(), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.VerifyRequestsPerWindow,
                Window = options.VerifyWindow,
                QueueLimit = 0,
            });
        }));
        services.AddConcurrencyCap(Cap, sp =>
        {
            var options = sp.GetRequiredService<IOptions<VerificationOptions>>().Value;
            return new ConcurrencyCapSettings(options.VerifyConcurrency, options.VerifyQueueLimit, TimeSpan.FromSeconds(5),
                "Too many verifications are running right now; retry shortly.");
        });
        return services;
    }
}
