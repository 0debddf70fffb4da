using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Limits;

namespace OneThing.SigningApi.Access;

/// <summary>Fixed-window limit per client address on identity and code checks (against guessing across links).</summary>
public static class AccessRateLimits
{
    public const string PolicyName = "applicant-access-checks";

    public static readonly RateLimitProblem Problem = new("Too many identity or code checks from this address; wait and retry.");

    public static IServiceCollection AddAccessRateLimits(this IServiceCollection services)
    {
        services.AddRateLimitRejections();
        services.AddRateLimiter(o => o.AddPolicy(PolicyName, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<ApplicantAccessOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(RateLimitRejections.ClientAddressOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.ChecksPerWindow,
                Window = options.CheckWindow,
                QueueLimit = 0,
            });
        }));
        return services;
    }
}
