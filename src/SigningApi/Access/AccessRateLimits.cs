using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Core.Limits;

namespace OneThing.SigningApi.Access;

/// <summary>
/// Fixed-window limit per client address on identity and code checks (against guessing across links),
/// counted in the shared database (<see cref="SharedRateLimits"/>) so the limit holds across instances;
/// a refusal is answered like every other limit (<see cref="RateLimitRejections"/>) with <see cref="Problem"/>.
/// </summary>
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
            var limits = http.RequestServices.GetRequiredService<SharedRateLimits>();
            return RateLimitPartition.Get(RateLimitRejections.ClientAddressOf(http),
                key => new SharedWindowRateLimiter(limits, $"{PolicyName}:{key}", options.ChecksPerWindow, options.CheckWindow));
        }));
        return services;
    }
}
