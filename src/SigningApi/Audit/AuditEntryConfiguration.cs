using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneThing.SigningApi.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(e => e.Id);
        // Two chainers can never give out the same position.
        b.HasIndex(e => e.ChainIndex).IsUnique();
        b.HasIndex(e => new { e.CaseId, e.Id });
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.Actor).HasMaxLength(128);
        b.Property(e => e.ActorRole).HasMaxLength(32);
        b.Property(e => e.ClientAddress).HasMaxLength(64);
        b.Property(e => e.UserAgent).HasMaxLength(256);
        b.Property(e => e.Detail).HasMaxLength(1000);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}
