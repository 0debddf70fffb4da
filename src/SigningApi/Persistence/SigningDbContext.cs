using OneThing.Storage.Catalog;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Idempotency;

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

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        WriteAsync(ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), () => base.SaveChanges(acceptAllChangesOnSuccess), cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => Write(() => base.SaveChanges(acceptAllChangesOnSuccess));

    /// <summary>
    /// Runs a write: SaveChanges, or an ExecuteUpdate/ExecuteDelete that bypasses it (pass both forms).
    /// The provider decides how: PostgreSQL runs the async form at once; SQLite, which has one writer
    /// per file, queues the synchronous form (its async form is synchronous anyway) on <see cref="SqliteWriteQueue"/>.
    /// </summary>
    public virtual Task<int> WriteAsync(Func<CancellationToken, Task<int>> writeAsync, Func<int> write, CancellationToken cancellationToken) =>
        writeAsync(cancellationToken);

    protected virtual int Write(Func<int> write) => write();

    /// <summary>A synchronous ExecuteUpdate/ExecuteDelete, for callers that cannot await (the PKI's OCSP and CRL paths); SQLite queues it like any write.</summary>
    public int WriteNow(Func<int> write) => Write(write);

    /// <summary>
    /// Starts a transaction in which this instance alone, among all instances, works under
    /// <paramref name="lockNamespace"/> (PostgreSQL: a transaction advisory lock, released at commit or
    /// rollback). Null on SQLite, whose one writer per file already serializes the work.
    /// </summary>
    public virtual Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginSerializedAsync(int lockNamespace, CancellationToken ct) =>
        Task.FromResult<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?>(null);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SigningDbContext).Assembly);
        // The document store's catalog of committed revisions lives in the same database, so a
        // revision row commits in the same transaction as the case change that produced it.
        modelBuilder.ApplyConfiguration(new StoredRevisionConfiguration());
    }
}
