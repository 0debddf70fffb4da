using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OneThing.SigningApi.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without starting the service.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSigningDbContext>
{
    public SqliteSigningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSigningDbContext>().UseSqlite("Data Source=design.db").UseSqliteWriteQueue(new SqliteWriteQueue()).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSigningDbContext>
{
    public PostgresSigningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSigningDbContext>().UseNpgsql("Host=localhost;Database=onething").Options);
}
