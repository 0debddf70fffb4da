using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Idempotency;

/// <summary>
/// Removes idempotency records older than <see cref="IdempotencyOptions.Retention"/> (and, with them,
/// the stored responses), and the shared rate-limit windows long past. Runs on every instance; the
/// <c>idempotency-sweep</c> lease lets one of them do each round.
/// </summary>
internal sealed class IdempotencySweeper(
    IServiceScopeFactory scopes,
    ServiceLeases leases,
    IOptions<IdempotencyOptions> options,
    TimeProvider time,
    ILogger<IdempotencySweeper> logger) : BackgroundService
{
    public const string LeaseName = "idempotency-sweep";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leases.TryAcquireAsync(LeaseName, options.Value.SweepInterval, stoppingToken)) await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Idempotency sweep failed; the next one runs in {Interval}", options.Value.SweepInterval);
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Removes what has expired now; returns how many idempotency records went.</summary>
    internal async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.Retention;
        // A claim still leased is left alone even when old: its request is still running somewhere.
        var expired = db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff && (r.StatusCode != null || r.LeaseExpiresAt == null || r.LeaseExpiresAt < now));
        var removed = await db.WriteAsync(c => expired.ExecuteDeleteAsync(c), () => expired.ExecuteDelete(), ct);
        var windows = db.Set<RateLimitWindow>().Where(w => w.WindowEnd < now - TimeSpan.FromHours(1));
        await db.WriteAsync(c => windows.ExecuteDeleteAsync(c), () => windows.ExecuteDelete(), ct);
        if (removed > 0) logger.LogInformation("Idempotency sweep removed {Count} expired key(s)", removed);
        return removed;
    }
}
