using Microsoft.EntityFrameworkCore;

namespace OneThing.Storage.Tests.Catalog;

/// <summary>The catalog mapping is provider-neutral: the same configuration gives the production PostgreSQL schema.</summary>
public sealed class CatalogMappingTests
{
    [Fact]
    public void On_postgresql_the_catalog_is_one_table_with_both_uniqueness_rules_and_utc_timestamps()
    {
        using var context = new TestCatalogContext(new DbContextOptionsBuilder<TestCatalogContext>()
            .UseNpgsql("Host=unused;Database=unused").Options);

        var script = context.Database.GenerateCreateScript();

        Assert.Contains("CREATE TABLE document_revisions", script, StringComparison.Ordinal);
        Assert.Contains("\"Sha256\" character(64) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("\"StoredAtUtc\" timestamp with time zone NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX \"IX_document_revisions_CentreId_CaseId_DocumentId_Revision\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX \"IX_document_revisions_ObjectKey\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_sqlite_a_second_record_for_one_revision_is_refused_by_the_database_itself()
    {
        var folder = Directory.CreateTempSubdirectory("onething-unique-").FullName;
        await using (var context = TestCatalogContext.Create(Path.Combine(folder, "c.db")))
        {
            await context.Database.EnsureCreatedAsync();
            context.Add(Record("a"));
            await context.SaveChangesAsync();
            context.Add(Record("b"));

            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task On_postgresql_two_concurrent_writers_of_one_revision_cannot_both_commit()
    {
        var server = Environment.GetEnvironmentVariable("ONETHING_POSTGRES_CONNECTION");
        Assert.False(string.IsNullOrEmpty(server), "PostgreSQL is required: run `eval \"$(scripts/services/start-postgres.sh)\"` first (test.sh does)");
        var options = new DbContextOptionsBuilder<TestCatalogContext>().UseNpgsql($"{server};Database=onething_catalog_{Guid.NewGuid():N}").Options;
        await using var first = new TestCatalogContext(options);
        await using var second = new TestCatalogContext(options);
        await first.Database.EnsureCreatedAsync();
        try
        {
            // Both writers really are concurrent: each in its own open transaction, the second inserting
            // while the first has not committed (the unique index makes it wait, then refuses it).
            await using var firstTransaction = await first.Database.BeginTransactionAsync();
            first.Add(Record("a", objectKey: "c/case/doc/r000001-a"));
            await first.SaveChangesAsync();
            await using var secondTransaction = await second.Database.BeginTransactionAsync();
            second.Add(Record("b", objectKey: "c/case/doc/r000001-b"));
            var racing = second.SaveChangesAsync();
            await Task.Delay(500);
            Assert.False(racing.IsCompleted, "the second writer did not wait for the first one's uncommitted revision");
            await firstTransaction.CommitAsync();

            await Assert.ThrowsAsync<DbUpdateException>(() => racing);
            await using var reader = new TestCatalogContext(options);
            Assert.Equal(new string('a', 64), (await reader.Set<Storage.Catalog.StoredRevisionRecord>().SingleAsync()).Sha256);
        }
        finally
        {
            await using var cleanup = new TestCatalogContext(options);
            await cleanup.Database.EnsureDeletedAsync();
        }
    }

    private static Storage.Catalog.StoredRevisionRecord Record(string hashSeed, string objectKey = "c/case/doc/r000001") => new()
    {
        CentreId = "c", CaseId = "case", DocumentId = "doc", Revision = 1, ObjectKey = objectKey,
        Sha256 = new string(hashSeed[0], 64), ContentType = "application/pdf", Length = 1, StoredAtUtc = DateTime.UtcNow,
    };
}
