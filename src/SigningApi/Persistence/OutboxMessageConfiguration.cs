using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneThing.SigningApi.Core.Outbox;

namespace OneThing.SigningApi.Persistence;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.HasIndex(m => m.MessageId).IsUnique();
        b.HasIndex(m => new { m.SentAt, m.Id });
        b.HasIndex(m => m.CaseId);
        b.Property(m => m.MessageType).HasMaxLength(256);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.LockedBy).HasMaxLength(128);
    }
}
