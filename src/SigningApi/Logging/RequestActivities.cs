using System.Diagnostics;

namespace OneThing.SigningApi.Logging;

/// <summary>
/// Listens to ASP.NET Core's request activity so every request has a trace and span id for its logs,
/// even with tracing off: the hosting log category that would otherwise cause the activity is
/// silenced (see <see cref="LoggingServiceCollectionExtensions"/>). Propagation only: nothing is
/// recorded, so a sampler of the telemetry setup still decides what is exported.
/// </summary>
internal sealed class RequestActivities : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }
}
