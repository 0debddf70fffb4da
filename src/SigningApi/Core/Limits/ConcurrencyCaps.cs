using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace OneThing.SigningApi.Core.Limits;

/// <summary>How many requests of one kind may run at once, how many may wait, and what a refused caller is told to wait.</summary>
public sealed record ConcurrencyCapSettings(int PermitLimit, int QueueLimit, TimeSpan RetryAfter, string Detail);

/// <summary>A named cap a feature registers; its settings are read from the feature's validated options when first used.</summary>
public sealed record ConcurrencyCapRegistration(string Name, Func<IServiceProvider, ConcurrencyCapSettings> Settings);

/// <summary>
/// Process-wide concurrency caps (System.Threading.RateLimiting's <see cref="ConcurrencyLimiter"/>,
/// oldest first): expensive anonymous or CPU-bound work (timestamps, OCSP, verification, PNG decoding)
/// runs on a bounded number of threads and a bounded queue, so a flood cannot starve signing.
/// </summary>
public sealed class ConcurrencyCaps : IDisposable
{
    private readonly Dictionary<string, (ConcurrencyLimiter Limiter, ConcurrencyCapSettings Settings)> _caps;

    public ConcurrencyCaps(IEnumerable<ConcurrencyCapRegistration> registrations, IServiceProvider services)
    {
        _caps = registrations.ToDictionary(r => r.Name, r =>
        {
            var settings = r.Settings(services);
            return (new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.PermitLimit,
                QueueLimit = settings.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }), settings);
        }, StringComparer.Ordinal);
    }

    public ConcurrencyLimiter Limiter(string name) => _caps[name].Limiter;

    public ConcurrencyCapSettings Settings(string name) => _caps[name].Settings;

    public void Dispose()
    {
        foreach (var (limiter, _) in _caps.Values) limiter.Dispose();
    }
}

public static class ConcurrencyCapExtensions
{
    public static IServiceCollection AddConcurrencyCap(this IServiceCollection services, string name, Func<IServiceProvider, ConcurrencyCapSettings> settings)
    {
        services.AddSingleton(new ConcurrencyCapRegistration(name, settings));
        services.AddSingleton<ConcurrencyCaps>();
        return services;
    }

    /// <summary>
    /// Runs the endpoint's handler only inside the named cap: a request waits in the cap's queue
    /// (holding only its connection: the handler has not read the body yet) and is answered 503 with
    /// <c>Retry-After</c> when the queue is full.
    /// </summary>
    public static TBuilder WithConcurrencyCap<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caps = http.RequestServices.GetRequiredService<ConcurrencyCaps>();
            using var lease = await caps.Limiter(name).AcquireAsync(1, http.RequestAborted);
            if (!lease.IsAcquired)
            {
                var settings = caps.Settings(name);
                Telemetry.OneThingMetrics.RateLimitRejections.Add(1, new KeyValuePair<string, object?>("limit", "concurrency"));
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(settings.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Service busy",
                    Detail = settings.Detail,
                    Extensions = { ["code"] = "busy" },
                });
            }
            return await next(context);
        });
}
