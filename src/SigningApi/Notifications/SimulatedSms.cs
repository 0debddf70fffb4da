using System.Collections.Concurrent;
using OneThing.SigningApi.Core;

namespace OneThing.SigningApi.Notifications;

/// <summary>A message the simulated gateway "sent".</summary>
public sealed record SentSms(DateTimeOffset SentAt, string Phone, string Text);

/// <summary>
/// Embedded mode: no SMS gateway; messages are kept in memory and listed by the development endpoint
/// so a tester (or test) can read the link or code a phone would have received.
/// </summary>
public sealed class SimulatedSmsSender(TimeProvider time, ILogger<SimulatedSmsSender> logger) : ISmsSender
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<SentSms> _sent = new();

    public Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        _sent.Enqueue(new SentSms(time.GetUtcNow(), phone, text));
        while (_sent.Count > Capacity && _sent.TryDequeue(out _)) { }
        logger.LogInformation("Simulated SMS to {Phone}", PhoneMask.Mask(phone));
        return Task.CompletedTask;
    }

    public IReadOnlyList<SentSms> Sent(string? phone) =>
        _sent.Where(m => phone is null || m.Phone == phone).Reverse().ToList();
}
