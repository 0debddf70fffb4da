
namespace OneThing.SigningApi.Core.Outbox;

/// <summary>A message a consumer has fully handled; stored with the consumer's changes, so a redelivery is recognised and skipped.</summary>
public sealed class ProcessedMessage
{
    public long Id { get; set; }
    public required string Consumer { get; set; }
    public Guid MessageId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
