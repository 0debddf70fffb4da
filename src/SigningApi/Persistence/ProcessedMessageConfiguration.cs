using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneThing.SigningApi.Core.Outbox;

namespace OneThing.SigningApi.Persistence;

internal sealed class ProcessedMessageConfiguration : IEntityTypeConfiguration<ProcessedMessage>
{
    public void Configure(EntityTypeBuilder<ProcessedMessage> b)
    {
        b.ToTable("processed_messages");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.Consumer, m.MessageId }).IsUnique();
        b.Property(m => m.Consumer).HasMaxLength(128);
    }
}
