using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Core.Telemetry;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Resilience;

namespace OneThing.SigningApi.Telemetry;

/// <summary>
/// Reads the outbox backlog and the cases by status every <see cref="TelemetryOptions.SampleInterval"/>
/// in a scope of its own, so a scrape reads the last sample and never waits on the database. Until the
/// first sample the gauges report nothing rather than a made-up zero.
/// </summary>
public sealed class OperationalStateSampler(
    IServiceScopeFactory scopes,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<OperationalStateSampler> logger) : BackgroundService
{
    private volatile OperationalSnapshot? _latest;

    public OperationalSnapshot? Latest => _latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The meter provider is built by now (OpenTelemetry's hosted service starts first): the counters' zeros reach it.
        OneThingMetrics.StartSeries();
        StoreMetrics.StartSeries();
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _latest = await SampleAsync(stoppingToken);
                if (failing) logger.LogInformation("Telemetry: the database answers again; gauges are current");
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The gauges go silent (stale values would say the backlog is fine); readiness reports the database.
                _latest = null;
                if (!failing) logger.LogWarning("Telemetry: could not sample the outbox and cases ({Error}); retrying", e.Message);
                failing = true;
            }
            try
            {
                await Task.Delay(options.Value.SampleInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task<OperationalSnapshot> SampleAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var pending = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null);
        var count = await pending.LongCountAsync(ct);
        // Ids grow with creation, so the lowest pending id is the oldest (and SQLite cannot order by a DateTimeOffset).
        var oldest = count == 0 ? (DateTimeOffset?)null
            : await pending.OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        var byStatus = await db.Cases.AsNoTracking().GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var cases = Enum.GetValues<CaseStatus>().ToDictionary(s => s, s => byStatus.FirstOrDefault(b => b.Status == s)?.Count ?? 0);
        var age = oldest is { } o && now > o ? now - o : TimeSpan.Zero;
        return new OperationalSnapshot(count, age, cases, now);
    }
}
