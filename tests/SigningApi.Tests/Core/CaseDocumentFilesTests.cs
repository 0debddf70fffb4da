using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;
using OneThing.Storage.Documents;

namespace OneThing.SigningApi.Tests.Core;

/// <summary>
/// A unit of work's written revisions against the real embedded store and database: what it commits
/// stays, what it wrote and never committed is gone when its scope ends (a failed consumer message,
/// say), so the retry can write that revision again.
/// </summary>
public sealed class CaseDocumentFilesTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_revision_written_and_never_committed_is_removed_when_the_unit_of_work_ends()
    {
        var caseId = Guid.Parse((await _api.OpenCaseAsync())["id"]!.GetValue<string>());
        DocumentKey written;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            written = await StageNextRevisionAsync(scope.ServiceProvider, caseId);
            Assert.NotNull(await Store.StatAsync(written, CancellationToken.None));
            // No SaveChanges: the request failed after the write.
        }
        Assert.Null(await Store.StatAsync(written, CancellationToken.None));

        // The revision number is free again.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(written, await StageNextRevisionAsync(scope.ServiceProvider, caseId));
        }
    }

    [Fact]
    public async Task A_committed_revision_stays()
    {
        var caseId = Guid.Parse((await _api.OpenCaseAsync())["id"]!.GetValue<string>());
        DocumentKey written;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            written = await StageNextRevisionAsync(scope.ServiceProvider, caseId);
            await scope.ServiceProvider.GetRequiredService<SigningDbContext>().SaveChangesAsync();
        }
        Assert.NotNull(await Store.StatAsync(written, CancellationToken.None));
    }

    [Fact]
    public async Task A_revision_whose_record_is_in_the_database_is_kept_even_when_this_unit_of_work_did_not_see_its_save_succeed()
    {
        var caseId = Guid.Parse((await _api.OpenCaseAsync())["id"]!.GetValue<string>());
        DocumentKey written;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            written = await StageNextRevisionAsync(scope.ServiceProvider, caseId);
            // The commit reached the database by another context (as when a commit lands but its acknowledgement is lost).
            var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
            var staged = db.ChangeTracker.Entries<OneThing.Storage.Catalog.StoredRevisionRecord>().Single().Entity;
            await using var other = factory.Services.CreateAsyncScope();
            var otherDb = other.ServiceProvider.GetRequiredService<SigningDbContext>();
            otherDb.Add(new OneThing.Storage.Catalog.StoredRevisionRecord
            {
                CentreId = staged.CentreId, CaseId = staged.CaseId, DocumentId = staged.DocumentId, Revision = staged.Revision, ObjectKey = staged.ObjectKey,
                Sha256 = staged.Sha256, Length = staged.Length, ContentType = staged.ContentType, StoredAtUtc = staged.StoredAtUtc,
            });
            await otherDb.SaveChangesAsync();
        }
        Assert.NotNull(await Store.StatAsync(written, CancellationToken.None));
    }

    private IDocumentStore Store => factory.Services.GetRequiredService<IDocumentStore>();

    private static async Task<DocumentKey> StageNextRevisionAsync(IServiceProvider services, Guid caseId)
    {
        var db = services.GetRequiredService<SigningDbContext>();
        var files = services.GetRequiredService<CaseDocumentFiles>();
        var c = await db.Cases.Include(x => x.Documents).SingleAsync(x => x.Id == caseId);
        var document = c.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal).First();
        var current = await files.ReadCurrentAsync(c, document, CancellationToken.None);
        await files.StageNextRevisionAsync(c, document, [.. current, .. "%% next revision\n"u8.ToArray()], CancellationToken.None);
        return CaseDocumentFiles.KeyOf(c, document, document.Revision);
    }
}
