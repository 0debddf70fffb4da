using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Tests.Persistence;

/// <summary>Each provider's migrations describe the current model, so a new column cannot ship without its migration.</summary>
public sealed class MigrationCoverageTests
{
    [Fact]
    public void The_sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_postgresql_migrations_cover_the_model()
    {
        // Only compares the model with the snapshot; no server is contacted.
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
