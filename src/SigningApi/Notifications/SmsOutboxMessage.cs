using Microsoft.EntityFrameworkCore;

namespace OneThing.SigningApi.Notifications;

public enum SmsOutboxState
{
    /// <summary>Waiting to be handed to the gateway (again, after a failed attempt).</summary>
    Pending,

    /// <summary>The gateway accepted it; delivery reports follow.</summary>
    Sent,

    /// <summary>Given up: the gateway refused it, every attempt failed, or it went stale.</summary>
    Failed,
}

/// <summary>An SMS on its way out through the gateway, and what the gateway later reported about it.</summary>
public sealed class SmsOutboxMessage
{
    public Guid Id { get; set; }
    public required string Phone { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public SmsOutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Until when an instance holds it for sending; a dead instance's claim simply runs out.</summary>
    public DateTimeOffset ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Secret in the delivery-report URL, so only the gateway that got the message can report on it.</summary>
    public required string ReportToken { get; set; }

    /// <summary>The latest Kannel delivery report type (1 delivered, 2 undeliverable, 4 buffered, 8 accepted, 16 rejected).</summary>
    public int? DeliveryStatus { get; set; }
    public DateTimeOffset? DeliveryReportedAt { get; set; }
}

internal sealed class SmsOutboxMessageConfiguration : IEntityTypeConfiguration<SmsOutboxMessage>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<SmsOutboxMessage> b)
    {
        b.ToTable("sms_outbox");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.Property(m => m.Phone).HasMaxLength(32);
        b.Property(m => m.Text).HasMaxLength(1000);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.LastError).HasMaxLength(500);
        b.Property(m => m.ReportToken).HasMaxLength(64);
    }
}
