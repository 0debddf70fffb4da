using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core;

/// <summary>The keys' last check result and when it ran; written by the monitor, read by the readiness check.</summary>
public sealed class KeyHealthState
{
    private volatile Snapshot _last = new(HealthCheckResult.Unhealthy("the keys have not been checked yet"), null, 0);

    public sealed record Snapshot(HealthCheckResult Result, DateTimeOffset? CheckedAt, long Runs);

    public Snapshot Last => _last;

    internal void Record(HealthCheckResult result, DateTimeOffset at) => _last = new Snapshot(result, at, _last.Runs + 1);
}

/// <summary>
/// Runs <see cref="SigningKeysProbe"/> when the service starts (so it is ready only with working keys)
/// and then every <see cref="KeyHealthOptions.KeyCheckInterval"/>. A loop of readiness requests
/// therefore costs no signature: an HSM's capacity stays with real signers. Changes of state and
/// every failure's reason go to the log, not to anonymous callers.
/// </summary>
internal sealed class KeyHealthMonitor(
    SigningKeysProbe probe, KeyHealthState state, IOptions<KeyHealthOptions> options, TimeProvider time, ILogger<KeyHealthMonitor> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await CheckAsync(stoppingToken);
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        HealthCheckResult result;
        try
        {
            result = await probe.RunAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = HealthCheckResult.Unhealthy($"the key check failed: {e.Message}", e);
        }
        var before = state.Last.Result.Status;
        state.Record(result, time.GetUtcNow());
        if (result.Status != HealthStatus.Healthy)
            logger.LogWarning(LogEvents.KeyCheck, "Key check {Status}: {Description}", result.Status, result.Description);
        else if (before != HealthStatus.Healthy)
            logger.LogInformation(LogEvents.KeyCheck, "Key check {Status}: {Description}", result.Status, result.Description);
    }
}

/// <summary>Readiness of the keys: the monitor's last result, unchanged; no signing here.</summary>
internal sealed class SigningKeysHealthCheck(KeyHealthState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Last.Result);
}
