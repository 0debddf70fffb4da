using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneThing.SigningApi.Workflow.Outbox;

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
