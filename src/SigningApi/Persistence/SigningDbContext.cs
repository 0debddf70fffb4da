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

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var turn = await EnterWriteAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var turn = EnterWrite();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Runs a write that bypasses SaveChanges (ExecuteUpdate/ExecuteDelete) in the same turn order as
    /// SaveChanges, so it does not wait inside the database for a writer of this process.
    /// </summary>
    public async Task<int> WriteAsync(Func<CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        using var turn = await EnterWriteAsync(cancellationToken);
        return await write(cancellationToken);
    }

    /// <summary>Waits until this context may write; the provider decides whether writers take turns.</summary>
    protected virtual ValueTask<SqliteWriteQueue.Turn> EnterWriteAsync(CancellationToken cancellationToken) => default;

    protected virtual SqliteWriteQueue.Turn EnterWrite() => default;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SigningDbContext).Assembly);
        // The document store's catalog of committed revisions lives in the same database, so a
        // revision row commits in the same transaction as the case change that produced it.
        modelBuilder.ApplyConfiguration(new StoredRevisionConfiguration());
    }
}
