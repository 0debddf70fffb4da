
namespace OneThing.SigningApi.Core.Outbox;

/// <summary>
/// An event waiting to be published, written in the same SaveChanges as the state change it
/// announces. The dispatcher publishes it with <see cref="MessageId"/> as the envelope's messageId
/// (so consumers can drop repeats) and then stamps <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>The event's contract name, e.g. <c>OneThing.Contracts.Events.V1.CaseSealed</c>.</summary>
    public required string MessageType { get; set; }

    /// <summary>The event record as JSON (camelCase, as it goes on the wire).</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>Which dispatcher holds the row and until when, so two instances do not publish the same batch at once.</summary>
    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}
