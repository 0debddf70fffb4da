using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Access;

/// <summary>
/// Fixed-window limit per client address on identity and code checks (against guessing across links),
/// counted in the shared database (<see cref="SharedRateLimits"/>) so the limit holds across instances.
/// </summary>
public static class AccessRateLimits
{
    public const string PolicyName = "applicant-access-checks";

    public static IServiceCollection AddAccessRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                OneThingMetrics.RateLimitRejections.Add(1);
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many identity or code checks from this address; wait and retry.",
                        Extensions = { ["code"] = "rate-limited" },
                    },
                });
            };
            o.AddPolicy(PolicyName, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<ApplicantAccessOptions>>().Value;
                var partition = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var limits = http.RequestServices.GetRequiredService<SharedRateLimits>();
                return RateLimitPartition.Get(partition, key => new SharedWindowRateLimiter(limits, $"{PolicyName}:{key}", options.ChecksPerWindow, options.CheckWindow));
            });
        });
        return services;
    }
}
