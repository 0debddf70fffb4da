using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Persistence;

internal sealed class CaseTransitionConfiguration : IEntityTypeConfiguration<CaseTransition>
{
    public void Configure(EntityTypeBuilder<CaseTransition> b)
    {
        b.ToTable("case_transitions");
        b.HasKey(t => t.Id);
        b.HasIndex(t => new { t.CaseId, t.Id });
        // One arrival per state and case: a duplicate message that slipped past every other check still cannot record a step twice.
        b.HasIndex(t => new { t.CaseId, t.To }).IsUnique();
        b.Property(t => t.From).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.To).HasConversion<string>().HasMaxLength(32);
        b.Property(t => t.Actor).HasMaxLength(128);
        b.Property(t => t.ActorRole).HasMaxLength(32);
        b.Property(t => t.Reason).HasMaxLength(500);
        b.HasOne<SigningCase>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
