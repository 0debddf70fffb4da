using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OneThing.Storage.Catalog;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;
using OneThing.Storage.FileSystem;
using OneThing.Storage.S3;
using OneThing.Storage.Sweeping;
using OneThing.Storage.Tests.FileSystem;
using OneThing.Storage.Tests.S3;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.Catalog;

/// <summary>
/// Write ordering with the EF catalog on SQLite: the object first, then the record; a failure in
/// between leaves only an orphan object, which reads as absent and is swept after the grace period.
/// </summary>
public sealed class DocumentRepositoryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onething-catalog-").FullName;
    private readonly FailingCommitInterceptor _failingCommit = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestCatalogContext _context = null!;
    private FileSystemDocumentStore _store = null!;

    private string DocumentsRoot => Path.Combine(_folder, "documents");

    public async Task InitializeAsync()
    {
        _context = TestCatalogContext.Create(Path.Combine(_folder, "catalog.db"), _failingCommit);
        await _context.Database.EnsureCreatedAsync();
        _store = FileSystemDocumentStoreTests.Create(DocumentsRoot, new ListLogger<FileSystemDocumentStore>());
        await _store.EnsureReadyAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private readonly ListLogger<DocumentRepository> _repositoryLog = new();

    private DocumentRepository Repository(IDocumentStore? store = null) =>
        new(store ?? _store, new EfDocumentCatalog<TestCatalogContext>(_context), _repositoryLog);

    private DocumentSweeper Sweeper(IDocumentStore? store = null) =>
        new(store ?? _store, new EfDocumentCatalog<TestCatalogContext>(_context), new DocumentSweeperOptions { GracePeriod = TimeSpan.FromHours(1) },
            _time, new ListLogger<DocumentSweeper>());

    [Fact]
    public async Task A_stored_revision_is_committed_with_its_hash_and_reads_back_verified()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("committed");

        var record = await Repository().StoreAsync(key, bytes, Samples.Pdf, CancellationToken.None);
        var read = await Repository().ReadAsync(key, CancellationToken.None);

        Assert.Equal(ContentHash.Sha256Hex(bytes), record.Sha256);
        Assert.Equal(key.ObjectKey, record.ObjectKey);
        var row = await _context.Set<StoredRevisionRecord>().AsNoTracking().SingleAsync(r => r.ObjectKey == key.ObjectKey);
        Assert.Equal(record.Sha256, row.Sha256);
        Assert.Equal(bytes, read.Content.ToArray());
    }

    [Fact]
    public async Task A_failed_commit_leaves_only_an_orphan_object_that_reads_as_absent_and_is_swept_after_the_grace_period()
    {
        var kept = Samples.NewKey();
        await Repository().StoreAsync(kept, Samples.Document("kept"), Samples.Pdf, CancellationToken.None);
        var orphan = Samples.NewKey();

        _failingCommit.Armed = true;
        await Assert.ThrowsAsync<DbUpdateException>(
            () => Repository().StoreAsync(orphan, Samples.Document("orphan"), Samples.Pdf, CancellationToken.None));
        _failingCommit.Armed = false;

        Assert.NotNull(await _store.StatAsync(orphan, CancellationToken.None));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => Repository().ReadAsync(orphan, CancellationToken.None));

        var early = await Sweeper().SweepAsync(CancellationToken.None);
        Assert.Equal(new SweepResult(Examined: 2, TooYoung: 1, Removed: 0, Failed: 0), early);
        Assert.NotNull(await _store.StatAsync(orphan, CancellationToken.None));

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var late = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal(new SweepResult(Examined: 2, TooYoung: 0, Removed: 1, Failed: 0), late);
        Assert.Null(await _store.StatAsync(orphan, CancellationToken.None));
        Assert.NotNull(await _store.StatAsync(kept, CancellationToken.None));
        Assert.NotNull(await Repository().ReadAsync(kept, CancellationToken.None));
    }

    [Fact]
    public async Task Retrying_after_a_failed_commit_with_the_same_bytes_commits_the_revision()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("retry");
        _failingCommit.Armed = true;
        await Assert.ThrowsAsync<DbUpdateException>(() => Repository().StoreAsync(key, bytes, Samples.Pdf, CancellationToken.None));
        _failingCommit.Armed = false;

        var record = await Repository().StoreAsync(key, bytes, Samples.Pdf, CancellationToken.None);

        Assert.Equal(ContentHash.Sha256Hex(bytes), record.Sha256);
        Assert.Equal(bytes, (await Repository().ReadAsync(key, CancellationToken.None)).Content.ToArray());
    }

    [Fact]
    public async Task An_unreachable_store_commits_nothing()
    {
        using var blackHole = new BlackHoleServer();
        var s3 = S3DocumentStoreTests.Create(LocalS3.Options("onething-down", blackHole.Endpoint), new ListLogger<S3DocumentStore>(),
            new StoreResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(500), TotalBudget = TimeSpan.FromSeconds(1), MaxRetries = 1 });
        var key = Samples.NewKey();

        await Assert.ThrowsAsync<DocumentStoreUnavailableException>(
            () => Repository(s3).StoreAsync(key, Samples.Document("lost?"), Samples.Pdf, CancellationToken.None));

        Assert.False(await _context.Set<StoredRevisionRecord>().AnyAsync(r => r.ObjectKey == key.ObjectKey));
    }

    [Fact]
    public async Task Bytes_and_store_metadata_rewritten_consistently_are_still_caught_by_the_catalog_hash()
    {
        var key = Samples.NewKey();
        await Repository().StoreAsync(key, Samples.Document("genuine"), Samples.Pdf, CancellationToken.None);
        var forged = Samples.Document("forged");
        var folder = Path.Combine(DocumentsRoot, key.CentreId, key.CaseId, key.DocumentId, "r000001");
        await File.WriteAllBytesAsync(Path.Combine(folder, "content"), forged);
        var meta = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(Path.Combine(folder, "meta.json")))!;
        meta["Sha256"] = JsonSerializer.SerializeToElement(ContentHash.Sha256Hex(forged));
        await File.WriteAllTextAsync(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(meta));

        Assert.Equal(forged, (await _store.GetAsync(key, null, CancellationToken.None)).Content.ToArray());
        var error = await Assert.ThrowsAsync<DocumentCorruptedException>(() => Repository().ReadAsync(key, CancellationToken.None));
        Assert.Contains("the catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_bytes_for_a_committed_revision_are_refused_before_touching_the_store()
    {
        var key = Samples.NewKey();
        await Repository().StoreAsync(key, Samples.Document("first"), Samples.Pdf, CancellationToken.None);

        await Assert.ThrowsAsync<RevisionAlreadyExistsException>(
            () => Repository().StoreAsync(key, Samples.Document("second"), Samples.Pdf, CancellationToken.None));
    }

    [Fact]
    public async Task The_next_revision_follows_the_latest_committed_one()
    {
        var first = await Repository().StoreNextRevisionAsync("centre-510600", "case-next", "mortgage-contract",
            Samples.Document("r1"), Samples.Pdf, CancellationToken.None);
        var second = await Repository().StoreNextRevisionAsync("centre-510600", "case-next", "mortgage-contract",
            Samples.Document("r2"), Samples.Pdf, CancellationToken.None);

        Assert.Equal(1, first.Revision);
        Assert.Equal(2, second.Revision);
    }

    [Fact]
    public async Task A_download_link_is_only_made_for_a_committed_revision()
    {
        var key = Samples.NewKey();
        await _store.PutAsync(key, Samples.Document("uncommitted"), Samples.Pdf, CancellationToken.None);

        await Assert.ThrowsAsync<DocumentNotFoundException>(
            () => Repository().CreateDownloadLinkAsync(key, "合同.pdf", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task The_sweeper_also_removes_orphans_from_the_s3_store()
    {
        var s3 = S3DocumentStoreTests.Create(LocalS3.Options(LocalS3.UniqueBucket("onething-sweep")), new ListLogger<S3DocumentStore>());
        await s3.EnsureReadyAsync(CancellationToken.None);
        var committed = Samples.NewKey();
        await Repository(s3).StoreAsync(committed, Samples.Document("committed"), Samples.Pdf, CancellationToken.None);
        var orphan = Samples.NewKey();
        await s3.PutAsync(orphan, Samples.Document("orphan"), Samples.Pdf, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(2));
        var result = await Sweeper(s3).SweepAsync(CancellationToken.None);

        Assert.Equal(new SweepResult(Examined: 2, TooYoung: 0, Removed: 1, Failed: 0), result);
        Assert.Null(await s3.StatAsync(orphan, CancellationToken.None));
        Assert.NotNull(await s3.StatAsync(committed, CancellationToken.None));
    }

    [Fact]
    public async Task A_fresh_orphan_in_s3_is_left_alone_whatever_the_machines_time_zone()
    {
        var s3 = S3DocumentStoreTests.Create(LocalS3.Options(LocalS3.UniqueBucket("onething-young")), new ListLogger<S3DocumentStore>());
        await s3.EnsureReadyAsync(CancellationToken.None);
        var orphan = Samples.NewKey();
        await s3.PutAsync(orphan, Samples.Document("in flight"), Samples.Pdf, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(30));
        var result = await Sweeper(s3).SweepAsync(CancellationToken.None);

        Assert.Equal(new SweepResult(Examined: 1, TooYoung: 1, Removed: 0, Failed: 0), result);
        Assert.NotNull(await s3.StatAsync(orphan, CancellationToken.None));
    }

    [Fact]
    public async Task A_committed_revision_whose_object_vanished_is_reported_as_lost_data()
    {
        var key = Samples.NewKey();
        await Repository().StoreAsync(key, Samples.Document("vanishing"), Samples.Pdf, CancellationToken.None);
        Directory.Delete(Path.Combine(DocumentsRoot, key.CentreId, key.CaseId), recursive: true);

        await Assert.ThrowsAsync<DocumentNotFoundException>(() => Repository().ReadAsync(key, CancellationToken.None));

        Assert.True(_repositoryLog.Contains(Microsoft.Extensions.Logging.LogLevel.Critical, "is missing from the filesystem store"));
    }
}
