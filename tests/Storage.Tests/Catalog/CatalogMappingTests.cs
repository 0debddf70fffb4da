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

    private static Storage.Catalog.StoredRevisionRecord Record(string hashSeed) => new()
    {
        CentreId = "c", CaseId = "case", DocumentId = "doc", Revision = 1, ObjectKey = "c/case/doc/r000001",
        Sha256 = new string(hashSeed[0], 64), ContentType = "application/pdf", Length = 1, StoredAtUtc = DateTime.UtcNow,
    };
}
