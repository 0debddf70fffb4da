using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Limits;

namespace OneThing.SigningApi.TrustServices;

/// <summary>Per-client rate limits (429) and concurrency caps (503) of the anonymous TSA and OCSP responder.</summary>
internal static class TrustServiceLimits
{
    public const string TsaPolicy = "trust-tsa";
    public const string OcspPolicy = "trust-ocsp";
    public const string TsaCap = "trust-tsa";
    public const string OcspCap = "trust-ocsp";

    public static readonly RateLimitProblem TsaProblem = new("Too many timestamp requests from this address; wait and retry.");
    public static readonly RateLimitProblem OcspProblem = new("Too many OCSP requests from this address; wait and retry (responses may be cached until their nextUpdate).");

    public static IServiceCollection AddTrustServiceLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TrustServiceLimitsOptions, TrustServiceLimitsOptionsValidator>(configuration, TrustServiceLimitsOptions.SectionName);
        services.AddRateLimitRejections();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(TsaPolicy, PerClient);
            o.AddPolicy(OcspPolicy, PerClient);
        });
        services.AddConcurrencyCap(TsaCap, sp => Cap(sp, "Too many timestamps are being issued right now; retry shortly."));
        services.AddConcurrencyCap(OcspCap, sp => Cap(sp, "Too many OCSP responses are being signed right now; retry shortly."));
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<TrustServiceLimitsOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(RateLimitRejections.ClientAddressOf(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.RequestsPerWindow,
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    private static ConcurrencyCapSettings Cap(IServiceProvider services, string detail)
    {
        var options = services.GetRequiredService<IOptions<TrustServiceLimitsOptions>>().Value;
        return new ConcurrencyCapSettings(options.MaxConcurrent, options.QueueLimit, TimeSpan.FromSeconds(1), detail);
    }
}
