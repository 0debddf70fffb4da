using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// SQLite (embedded mode). SQLite cannot order or compare DateTimeOffset, so it is stored as a sortable
/// binary number. SQLite has one writer at a time, so writes run one by one on <see cref="SqliteWriteQueue"/>'s thread.
/// </summary>
public sealed class SqliteSigningDbContext(DbContextOptions<SqliteSigningDbContext> options) : SigningDbContext(options)
{
    private readonly SqliteWriteQueue _writes = options.FindExtension<SqliteWriteQueueExtension>()?.Queue
        ?? throw new InvalidOperationException("SQLite contexts write through the process's SqliteWriteQueue: configure it with UseSqliteWriteQueue.");

    public override Task<int> WriteAsync(Func<CancellationToken, Task<int>> writeAsync, Func<int> write, CancellationToken cancellationToken) =>
        _writes.RunAsync(write, cancellationToken);

    protected override int Write(Func<int> write) => _writes.Run(write);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL (production).</summary>
public sealed class PostgresSigningDbContext(DbContextOptions<PostgresSigningDbContext> options) : SigningDbContext(options)
{
    public override async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginSerializedAsync(int lockNamespace, CancellationToken ct)
    {
        var transaction = await Database.BeginTransactionAsync(ct);
        try
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockNamespace}, 0)", ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
