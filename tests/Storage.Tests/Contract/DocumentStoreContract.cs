using Microsoft.Extensions.Logging;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IDocumentStore"/> promises, run against the filesystem store and against the
/// real local S3 server. A store passes only if all of these hold.
/// </summary>
public abstract class DocumentStoreContract : IAsyncLifetime
{
    protected IDocumentStore Store { get; private set; } = null!;

    /// <summary>The store's own log, to check what an operator is told.</summary>
    protected abstract IEnumerable<(LogLevel Level, string Message)> StoreLog { get; }

    protected abstract Task<IDocumentStore> CreateStoreAsync();

    /// <summary>Changes the stored bytes without going through the store (a disk fault, an operator, an attacker).</summary>
    protected abstract Task CorruptBehindTheStoresBackAsync(DocumentKey key, byte[] otherBytes);

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.EnsureReadyAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stored_revision_reads_back_byte_for_byte_with_its_hash()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("借款合同 r1", 200 * 1024);

        var info = await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);
        var read = await Store.GetAsync(key, ContentHash.Sha256Hex(bytes), CancellationToken.None);

        Assert.Equal(ContentHash.Sha256Hex(bytes), info.Sha256);
        Assert.Equal(bytes.Length, info.Length);
        Assert.Equal(bytes, read.Content.ToArray());
        Assert.Equal(info.Sha256, read.Info.Sha256);
        Assert.Equal(Samples.Pdf, read.Info.ContentType);
    }

    [Fact]
    public async Task Stat_reports_the_recorded_hash_and_null_for_an_absent_revision()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("stat");
        Assert.Null(await Store.StatAsync(key, CancellationToken.None));

        await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);
        var info = await Store.StatAsync(key, CancellationToken.None);

        Assert.NotNull(info);
        Assert.Equal(ContentHash.Sha256Hex(bytes), info.Sha256);
        Assert.Equal(bytes.Length, info.Length);
    }

    [Fact]
    public async Task A_put_that_would_overwrite_a_revision_is_refused_and_the_original_is_kept()
    {
        var key = Samples.NewKey();
        var original = Samples.Document("original");
        await Store.PutAsync(key, original, Samples.Pdf, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RevisionAlreadyExistsException>(
            () => Store.PutAsync(key, Samples.Document("forgery"), Samples.Pdf, CancellationToken.None));

        Assert.Equal(ContentHash.Sha256Hex(original), refused.StoredSha256);
        Assert.Equal(original, (await Store.GetAsync(key, null, CancellationToken.None)).Content.ToArray());
    }

    [Fact]
    public async Task Putting_identical_bytes_again_is_a_harmless_retry()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("retried");
        var first = await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);

        var second = await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(bytes, (await Store.GetAsync(key, null, CancellationToken.None)).Content.ToArray());
    }

    [Fact]
    public async Task Each_revision_of_a_document_is_its_own_object()
    {
        var r1 = Samples.NewKey();
        var r2 = r1.WithRevision(2);
        var v1 = Samples.Document("unsigned");
        var v2 = Samples.Document("signed by borrower");

        await Store.PutAsync(r1, v1, Samples.Pdf, CancellationToken.None);
        await Store.PutAsync(r2, v2, Samples.Pdf, CancellationToken.None);

        Assert.Equal(v1, (await Store.GetAsync(r1, null, CancellationToken.None)).Content.ToArray());
        Assert.Equal(v2, (await Store.GetAsync(r2, null, CancellationToken.None)).Content.ToArray());
        var listed = await ListKeysAsync();
        Assert.Contains(r1.ObjectKey, listed);
        Assert.Contains(r2.ObjectKey, listed);
    }

    [Fact]
    public async Task Reading_an_absent_revision_is_a_typed_not_found()
    {
        var key = Samples.NewKey();
        var error = await Assert.ThrowsAsync<DocumentNotFoundException>(() => Store.GetAsync(key, null, CancellationToken.None));
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public async Task Bytes_changed_behind_the_stores_back_are_refused_and_logged()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("sealed contract");
        await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);
        var tampered = (byte[])bytes.Clone();
        tampered[^1] ^= 0x01;

        await CorruptBehindTheStoresBackAsync(key, tampered);

        var error = await Assert.ThrowsAsync<DocumentCorruptedException>(() => Store.GetAsync(key, null, CancellationToken.None));
        Assert.Equal(ContentHash.Sha256Hex(bytes), error.ExpectedSha256);
        Assert.Equal(ContentHash.Sha256Hex(tampered), error.ActualSha256);
        Assert.Contains(StoreLog, e => e.Level == LogLevel.Error && e.Message.Contains(key.ObjectKey, StringComparison.Ordinal)
                                                               && e.Message.Contains("corrupted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_against_a_different_catalog_hash_is_refused()
    {
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("catalog"), Samples.Pdf, CancellationToken.None);

        var error = await Assert.ThrowsAsync<DocumentCorruptedException>(
            () => Store.GetAsync(key, ContentHash.Sha256Hex("something else"u8), CancellationToken.None));

        Assert.Contains("catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_removes_the_object_from_reads_and_listings()
    {
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("orphan"), Samples.Pdf, CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(await Store.StatAsync(key, CancellationToken.None));
        Assert.DoesNotContain(key.ObjectKey, await ListKeysAsync());
    }

    [Fact]
    public async Task A_download_link_names_the_file_in_chinese_and_expires()
    {
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("link"), Samples.Pdf, CancellationToken.None);

        var link = await Store.CreateDownloadLinkAsync(key,
            new DownloadRequest("个人住房公积金借款合同.pdf", Samples.Pdf, TimeSpan.FromMinutes(2)), CancellationToken.None);

        Assert.Equal(Samples.Pdf, link.ContentType);
        Assert.Contains("filename*=utf-8''%E4%B8%AA%E4%BA%BA", link.ContentDisposition, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task A_download_link_for_an_absent_revision_is_not_made()
    {
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => Store.CreateDownloadLinkAsync(Samples.NewKey(),
            new DownloadRequest("x.pdf", Samples.Pdf, TimeSpan.FromMinutes(1)), CancellationToken.None));
    }

    [Fact]
    public async Task A_download_link_longer_than_the_configured_maximum_is_refused()
    {
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("long link"), Samples.Pdf, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.CreateDownloadLinkAsync(key,
            new DownloadRequest("x.pdf", Samples.Pdf, TimeSpan.FromDays(2)), CancellationToken.None));
    }

    protected async Task<List<string>> ListKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var entry in Store.ListAsync(CancellationToken.None)) keys.Add(entry.Key.ObjectKey);
        return keys;
    }
}
