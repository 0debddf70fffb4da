using OneThing.Storage.Catalog;
using Microsoft.EntityFrameworkCore;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// The case database. Provider-specific subclasses (<see cref="SqliteSigningDbContext"/>,
/// <see cref="PostgresSigningDbContext"/>) each own one set of migrations; code uses this type.
/// </summary>
public abstract class SigningDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<SigningCase> Cases => Set<SigningCase>();
    public DbSet<CaseParty> Parties => Set<CaseParty>();
    public DbSet<CaseDocument> Documents => Set<CaseDocument>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<AccessLink> AccessLinks => Set<AccessLink>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SigningDbContext).Assembly);
        // The document store's catalog of committed revisions lives in the same database, so a
        // revision row commits in the same transaction as the case change that produced it.
        modelBuilder.ApplyConfiguration(new StoredRevisionConfiguration());
    }
}
