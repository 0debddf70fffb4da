using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Core.Limits;

/// <summary>
/// The service's rate limiter: every policy (registered by the feature that owns it) is answered
/// the same way when it refuses — 429, <c>Retry-After</c> from the limiter's window, and an RFC 9457
/// problem whose detail comes from the endpoint's <see cref="RateLimitProblem"/>.
/// </summary>
public static class RateLimitRejections
{
    public static IServiceCollection AddRateLimitRejections(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                OneThingMetrics.RateLimitRejections.Add(1);
                // A window limiter always knows when it refills; say at least one second either way.
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var detail = http.GetEndpoint()?.Metadata.GetMetadata<RateLimitProblem>()?.Detail ?? "Too many requests from this client; wait and retry.";
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = detail,
                        Extensions = { ["code"] = "rate-limited" },
                    },
                });
            };
        });
        return services;
    }

    /// <summary>The client's address (after the forwarded-headers step, so behind a known proxy it is the real client).</summary>
    public static string ClientAddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
