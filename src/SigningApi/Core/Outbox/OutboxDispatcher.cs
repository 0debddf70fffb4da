using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Outbox;

/// <summary>
/// Publishes outbox rows in order and stamps them sent, a batch at a time. At-least-once: a crash
/// between publish and stamp publishes the rows again after restart (same messageIds, so consumers
/// drop the repeats).
/// While the broker is away a publish times out, the row keeps its place and is retried; nothing
/// is lost because nothing leaves the table until the broker has taken it.
/// Nothing is published until the bus reports every receive endpoint bound: an event published to
/// an exchange the service's own queue is not yet bound to (a fresh broker, or the first connection
/// after starting during an outage) is accepted by the broker and dropped.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBusControl bus,
    OutboxSignal signal,
    IOptions<WorkflowOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan BusPollInterval = TimeSpan.FromMilliseconds(100);
    private readonly string _instance = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 128);
    private BusHealthStatus? _lastBusStatus;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Outbox;
        if (!o.Enabled)
        {
            logger.LogWarning("Outbox dispatcher is disabled (OneThing:Workflow:Outbox:Enabled=false): events wait in the outbox");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = o.PollInterval;
            try
            {
                await WaitForBusAsync(stoppingToken);
                var (published, failed) = await DispatchBatchAsync(stoppingToken);
                if (failed) delay = o.RetryDelay;
                else if (published > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself is unreachable: keep trying, the rows are safe where they are.
                logger.LogError(e, "Outbox dispatch failed; retrying in {Delay}", o.RetryDelay);
                delay = o.RetryDelay;
            }
            try
            {
                await signal.WaitAsync(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Returns once the bus is healthy (at once, normally); logs when that changes.</summary>
    private async Task WaitForBusAsync(CancellationToken ct)
    {
        while (true)
        {
            var health = bus.CheckHealth();
            if (health.Status != _lastBusStatus)
            {
                if (health.Status == BusHealthStatus.Healthy)
                    logger.LogInformation("Outbox: the bus is ready; publishing");
                else if (_lastBusStatus == BusHealthStatus.Healthy)
                    logger.LogWarning("Outbox: holding events while the bus is {Status}: {Description}", health.Status, health.Description);
                else
                    logger.LogInformation("Outbox: waiting for the bus ({Status}: {Description})", health.Status, health.Description);
                _lastBusStatus = health.Status;
            }
            if (health.Status == BusHealthStatus.Healthy) return;
            await Task.Delay(BusPollInterval, time, ct);
        }
    }

    /// <summary>Claims a batch, publishes it in order; stops at the first failure so later events never overtake earlier ones.</summary>
    internal async Task<(int Published, bool Failed)> DispatchBatchAsync(CancellationToken ct)
    {
        var o = options.Value.Outbox;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var leaseEnd = now + o.Lease;
        var claimable = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(o.BatchSize).ToListAsync(ct);
        if (claimable.Count == 0) return (0, false);
        // The lease is taken with a conditional update, so of two dispatchers only one gets each row.
        var lease = db.Set<OutboxMessage>()
            .Where(m => claimable.Contains(m.Id) && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now));
        Action<UpdateSettersBuilder<OutboxMessage>> take = s => s.SetProperty(m => m.LockedBy, _instance).SetProperty(m => m.LockedUntil, leaseEnd);
        await db.WriteAsync(c => lease.ExecuteUpdateAsync(take, c), () => lease.ExecuteUpdate(take), ct);
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.LockedBy == _instance && m.SentAt == null && claimable.Contains(m.Id))
            .OrderBy(m => m.Id).ToListAsync(ct);

        var published = 0;
        foreach (var row in batch)
        {
            try
            {
                var message = EventCatalog.Deserialize(row.MessageType, row.Body);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(o.PublishTimeout);
                // WaitAsync as well: while the broker is away a RabbitMQ publish can outlive its token.
                // Should it still complete later, the retry publishes the same messageId again, which consumers drop.
                await bus.Publish(message, message.GetType(), context =>
                {
                    context.MessageId = row.MessageId;
                    context.CorrelationId = row.CaseId;
                }, timeout.Token).WaitAsync(o.PublishTimeout, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                row.Attempts++;
                row.LastError = Truncate($"{e.GetType().Name}: {e.Message}", 1000);
                await db.SaveChangesAsync(CancellationToken.None);
                await ReleaseAsync(db, time.GetUtcNow() + o.RetryDelay, CancellationToken.None);
                CaseEventLog.OutboxPublishFailed(logger, row.MessageType, row.MessageId, row.Attempts, row.LastError);
                return (published, true);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Stopping: what went out is stamped, the rest handed back at once for another instance.
                await db.SaveChangesAsync(CancellationToken.None);
                await ReleaseAsync(db, time.GetUtcNow(), CancellationToken.None);
                throw;
            }
            row.SentAt = time.GetUtcNow();
            row.Attempts++;
            row.LastError = null;
            row.LockedBy = null;
            row.LockedUntil = null;
            published++;
        }
        // Stamped together, one commit per batch (each SQLite commit waits for its own fsync): a crash
        // before it re-sends the batch under the same messageIds, which consumers drop as repeats.
        await db.SaveChangesAsync(CancellationToken.None);
        return (published, false);
    }

    /// <summary>Gives the unsent rest of the batch back, to be retried together after the delay.</summary>
    private Task ReleaseAsync(SigningDbContext db, DateTimeOffset retryAt, CancellationToken ct)
    {
        var held = db.Set<OutboxMessage>().Where(m => m.LockedBy == _instance && m.SentAt == null);
        Action<UpdateSettersBuilder<OutboxMessage>> release = s => s.SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, retryAt);
        return db.WriteAsync(c => held.ExecuteUpdateAsync(release, c), () => held.ExecuteUpdate(release), ct);
    }

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
