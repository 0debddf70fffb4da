using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Idempotency;

namespace OneThing.SigningApi.Persistence;

internal sealed class SigningCaseConfiguration : IEntityTypeConfiguration<SigningCase>
{
    public void Configure(EntityTypeBuilder<SigningCase> b)
    {
        b.ToTable("cases");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.ApplicationNumber).IsUnique();
        b.HasIndex(c => c.CentreCode);
        b.HasIndex(c => c.BankCode);
        b.Property(c => c.ApplicationNumber).HasMaxLength(64);
        b.Property(c => c.CentreCode).HasMaxLength(64);
        b.Property(c => c.BankCode).HasMaxLength(64);
        b.Property(c => c.IntakeHash).HasMaxLength(64);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(c => c.SigningOrder).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Parties).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Documents).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CasePartyConfiguration : IEntityTypeConfiguration<CaseParty>
{
    public void Configure(EntityTypeBuilder<CaseParty> b)
    {
        b.ToTable("case_parties");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.CaseId, p.FieldName }).IsUnique();
        b.Property(p => p.FieldName).HasMaxLength(32);
        b.Property(p => p.Role).HasMaxLength(32);
        b.Property(p => p.Name).HasMaxLength(128);
        b.Property(p => p.IdNumber).HasMaxLength(18);
        b.Property(p => p.Phone).HasMaxLength(32);
        b.Property(p => p.ConsentTextHash).HasMaxLength(64);
        b.Property(p => p.DeclineReason).HasMaxLength(500);
        b.Property(p => p.DocumentsRead).HasMaxLength(256);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> b)
    {
        b.ToTable("case_documents");
        b.HasKey(d => d.Id);
        b.HasIndex(d => new { d.CaseId, d.Kind }).IsUnique();
        b.Property(d => d.Kind).HasMaxLength(64);
        b.Property(d => d.DocumentId).HasMaxLength(128);
        b.Property(d => d.TemplateId).HasMaxLength(128);
        b.Property(d => d.TemplateVersion).HasMaxLength(32);
        b.Property(d => d.TemplateHash).HasMaxLength(128);
        b.Property(d => d.ObjectKey).HasMaxLength(512);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> b)
    {
        b.ToTable("case_timeline");
        b.HasKey(t => t.Id);
        b.HasIndex(t => new { t.CaseId, t.Id });
        b.Property(t => t.Action).HasMaxLength(64);
        b.Property(t => t.Actor).HasMaxLength(128);
        b.Property(t => t.ActorRole).HasMaxLength(32);
        b.Property(t => t.Detail).HasMaxLength(1000);
        b.Property(t => t.ClientAddress).HasMaxLength(64);
        b.Property(t => t.UserAgent).HasMaxLength(256);
    }
}

internal sealed class AccessLinkConfiguration : IEntityTypeConfiguration<AccessLink>
{
    public void Configure(EntityTypeBuilder<AccessLink> b)
    {
        b.ToTable("access_links");
        b.HasKey(l => l.Id);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.PartyId);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.CodeHash).HasMaxLength(64);
        b.Property(l => l.Version).IsConcurrencyToken();
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
        // The sweep removes records past their retention by age.
        b.HasIndex(r => r.CreatedAt);
        b.Property(r => r.Caller).HasMaxLength(256);
        b.Property(r => r.Key).HasMaxLength(128);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(128);
        b.Property(r => r.Location).HasMaxLength(512);
    }
}
