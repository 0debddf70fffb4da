using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// SQLite (embedded mode). SQLite cannot order or compare DateTimeOffset, so it is stored as a sortable
/// binary number. SQLite has one writer at a time, so writes take turns in <see cref="SqliteWriteQueue"/>.
/// </summary>
public sealed class SqliteSigningDbContext(DbContextOptions<SqliteSigningDbContext> options, SqliteWriteQueue writes) : SigningDbContext(options)
{
    protected override ValueTask<SqliteWriteQueue.Turn> EnterWriteAsync(CancellationToken cancellationToken) => writes.EnterAsync(cancellationToken);

    protected override SqliteWriteQueue.Turn EnterWrite() => writes.Enter();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL (production).</summary>
public sealed class PostgresSigningDbContext(DbContextOptions<PostgresSigningDbContext> options) : SigningDbContext(options);
