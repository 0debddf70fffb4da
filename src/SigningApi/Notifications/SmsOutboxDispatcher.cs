using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Notifications;

/// <summary>
/// Hands queued SMS to the gateway, on every instance at once: a message is claimed with a conditional
/// update (only one instance wins it) for <see cref="SmsOutboxOptions.ClaimLease"/>, so an instance that
/// dies mid-send leaves it to another once the lease runs out. Failed attempts are retried with a
/// doubling pause; a message the gateway refuses, or that is older than GiveUpAfter (a stale code or
/// link helps nobody), is marked failed and logged.
/// </summary>
public sealed class SmsOutboxDispatcher(
    IServiceScopeFactory scopes,
    KannelSmsGateway gateway,
    SmsOutboxSignal signal,
    IOptions<SmsGatewayOptions> options,
    TimeProvider time,
    ILogger<SmsOutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Outbox;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await DispatchBatchAsync(stoppingToken);
                if (handled > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable: the messages are safe in it; try again on the next turn.
                logger.LogError(e, "SMS outbox dispatch failed; retrying in {Delay}", o.PollInterval);
            }
            try
            {
                await signal.WaitAsync(o.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due; returns how many messages it claimed.</summary>
    internal async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var o = options.Value.Outbox;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var due = await db.Set<SmsOutboxMessage>().AsNoTracking()
            .Where(m => m.State == SmsOutboxState.Pending && m.NextAttemptAt <= now && m.ClaimedUntil < now)
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).Select(m => m.Id).ToListAsync(ct);
        var claimed = 0;
        foreach (var id in due)
        {
            var until = time.GetUtcNow() + o.ClaimLease;
            var claim = db.Set<SmsOutboxMessage>().Where(m => m.Id == id && m.State == SmsOutboxState.Pending && m.ClaimedUntil < now);
            var won = await db.WriteAsync(c => claim.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), c),
                () => claim.ExecuteUpdate(s => s.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.Attempts, m => m.Attempts + 1)), ct);
            if (won != 1) continue; // another instance has it
            claimed++;
            var message = await db.Set<SmsOutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id, ct);
            await SendOneAsync(db, message, ct);
        }
        return claimed;
    }

    private async Task SendOneAsync(SigningDbContext db, SmsOutboxMessage message, CancellationToken ct)
    {
        var o = options.Value.Outbox;
        var now = time.GetUtcNow();
        var row = db.Set<SmsOutboxMessage>().Where(m => m.Id == message.Id);
        if (now - message.CreatedAt > o.GiveUpAfter)
        {
            await SetAsync(db, row, SmsOutboxState.Failed, now, null, $"not sent within {o.GiveUpAfter}", ct);
            logger.LogError("SMS {MessageId} to {Phone} given up: not sent within {GiveUpAfter}", message.Id, PhoneMask.Mask(message.Phone), o.GiveUpAfter);
            return;
        }
        var answer = await gateway.SendAsync(message, ct);
        if (answer.Accepted)
        {
            await SetAsync(db, row, SmsOutboxState.Sent, now, now, null, ct);
            logger.LogInformation("SMS {MessageId} to {Phone} accepted by the gateway after {Attempts} attempt(s)", message.Id, PhoneMask.Mask(message.Phone), message.Attempts);
            return;
        }
        if (!answer.Retriable || message.Attempts >= o.MaxAttempts)
        {
            await SetAsync(db, row, SmsOutboxState.Failed, now, null, answer.Detail, ct);
            logger.LogError("SMS {MessageId} to {Phone} failed after {Attempts} attempt(s): {Detail}", message.Id, PhoneMask.Mask(message.Phone), message.Attempts, answer.Detail);
            return;
        }
        var pause = TimeSpan.FromTicks(Math.Min(o.MaxRetryDelay.Ticks, o.RetryDelay.Ticks * (1L << Math.Min(message.Attempts - 1, 20))));
        await SetAsync(db, row, SmsOutboxState.Pending, now + pause, null, answer.Detail, ct);
        logger.LogWarning("SMS {MessageId} to {Phone}: attempt {Attempts} failed ({Detail}); next in {Pause}", message.Id, PhoneMask.Mask(message.Phone), message.Attempts, answer.Detail, pause);
    }

    /// <summary>Records an attempt's outcome and releases the claim.</summary>
    private static Task<int> SetAsync(SigningDbContext db, IQueryable<SmsOutboxMessage> row, SmsOutboxState state, DateTimeOffset next, DateTimeOffset? sentAt, string? error, CancellationToken ct)
    {
        error = error is { Length: > 500 } ? error[..500] : error;
        return db.WriteAsync(
            c => row.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.LastError, error).SetProperty(m => m.ClaimedUntil, DateTimeOffset.MinValue), c),
            () => row.ExecuteUpdate(s => s.SetProperty(m => m.State, state).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.LastError, error).SetProperty(m => m.ClaimedUntil, DateTimeOffset.MinValue)),
            ct);
    }
}
