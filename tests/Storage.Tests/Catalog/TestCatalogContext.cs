using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneThing.Storage.Catalog;

namespace OneThing.Storage.Tests.Catalog;

/// <summary>A host DbContext of the kind the SigningApi will have: it applies the storage mapping to its own model.</summary>
public sealed class TestCatalogContext(DbContextOptions<TestCatalogContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfiguration(new StoredRevisionConfiguration());

    public static TestCatalogContext Create(string databasePath, params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<TestCatalogContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString())
            .AddInterceptors(interceptors)
            .Options);
}
