using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OneThing.SigningApi.Persistence;

/// <summary>SQLite (embedded mode). SQLite cannot order or compare DateTimeOffset, so it is stored as a sortable binary number.</summary>
public sealed class SqliteSigningDbContext(DbContextOptions<SqliteSigningDbContext> options) : SigningDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL (production).</summary>
public sealed class PostgresSigningDbContext(DbContextOptions<PostgresSigningDbContext> options) : SigningDbContext(options);
