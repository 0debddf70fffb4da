using System.Security.Cryptography;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Notifications;

/// <summary>
/// With a real gateway, "send" means "committed to the SMS outbox": the dispatcher hands it to the
/// gateway with retries, so a gateway outage delays a link or code instead of losing it or failing the
/// applicant's request.
/// </summary>
public sealed class OutboxSmsSender(IServiceScopeFactory scopes, SmsOutboxSignal signal, TimeProvider time, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var message = new SmsOutboxMessage
        {
            Id = Guid.NewGuid(),
            Phone = phone,
            Text = text,
            CreatedAt = now,
            State = SmsOutboxState.Pending,
            NextAttemptAt = now,
            ClaimedUntil = DateTimeOffset.MinValue,
            ReportToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant(),
        };
        db.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("SMS {MessageId} to {Phone} queued for the gateway", message.Id, PhoneMask.Mask(phone));
        signal.Poke();
    }
}

/// <summary>Wakes the SMS dispatcher when a message was queued on this instance (others find it on their next poll).</summary>
public sealed class SmsOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Poke()
    {
        try
        {
            if (_signal.CurrentCount == 0) _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
