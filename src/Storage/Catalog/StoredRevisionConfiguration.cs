using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneThing.Storage.Catalog;

/// <summary>
/// Maps <see cref="StoredRevisionRecord"/> into any DbContext (the host's; SQLite embedded, PostgreSQL in
/// production): <c>modelBuilder.ApplyConfiguration(new StoredRevisionConfiguration())</c>.
/// </summary>
public sealed class StoredRevisionConfiguration : IEntityTypeConfiguration<StoredRevisionRecord>
{
    public const string TableName = "document_revisions";

    public void Configure(EntityTypeBuilder<StoredRevisionRecord> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.CentreId).HasMaxLength(128).IsRequired();
        builder.Property(r => r.CaseId).HasMaxLength(128).IsRequired();
        builder.Property(r => r.DocumentId).HasMaxLength(128).IsRequired();
        builder.Property(r => r.ObjectKey).HasMaxLength(400).IsRequired();
        builder.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(r => r.ContentType).HasMaxLength(200).IsRequired();
        builder.Ignore(r => r.Key);
        // the database, not only the store, refuses a second record for one revision
        builder.HasIndex(r => new { r.CentreId, r.CaseId, r.DocumentId, r.Revision }).IsUnique();
        builder.HasIndex(r => r.ObjectKey).IsUnique();
        // GET /api/v1/verify/records/{sha256}: a bank's uploaded file is matched by its digest alone, which
        // without this index scans every revision the centre ever stored. Not unique: nothing forbids two
        // revisions with the same bytes, and the lookup answers only with those the caller may see.
        builder.HasIndex(r => r.Sha256);
    }
}
