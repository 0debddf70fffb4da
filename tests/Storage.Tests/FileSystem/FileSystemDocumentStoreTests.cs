using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.FileSystem;
using OneThing.Storage.Tests.Contract;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.FileSystem;

public sealed class FileSystemDocumentStoreTests : DocumentStoreContract
{
    private readonly string _root = Directory.CreateTempSubdirectory("onething-docs-").FullName;
    private readonly ListLogger<FileSystemDocumentStore> _log = new();

    internal static FileSystemDocumentStore Create(string root, ILogger<FileSystemDocumentStore> log, TimeProvider? time = null) =>
        new(new FileSystemStoreOptions { RootPath = root }, new DownloadLinkOptions(), new StoreResilienceOptions(),
            new DownloadTokenSigner(RandomNumberGenerator.GetBytes(32), time ?? TimeProvider.System), time ?? TimeProvider.System, log);

    protected override IEnumerable<(LogLevel Level, string Message)> StoreLog => _log.Entries;

    protected override Task<IDocumentStore> CreateStoreAsync() => Task.FromResult<IDocumentStore>(Create(_root, _log));

    protected override Task CorruptBehindTheStoresBackAsync(DocumentKey key, byte[] otherBytes) =>
        File.WriteAllBytesAsync(ContentPath(key), otherBytes);

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_revision_lives_in_its_own_folder_under_centre_case_document()
    {
        var key = Samples.NewKey(3);
        await Store.PutAsync(key, Samples.Document("layout"), Samples.Pdf, CancellationToken.None);

        Assert.True(File.Exists(ContentPath(key)));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(ContentPath(key))!, "meta.json")));
        Assert.EndsWith(Path.Combine(key.CentreId, key.CaseId, key.DocumentId, "r000003", "content"), ContentPath(key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_left_half_written_in_the_incoming_folder()
    {
        await Store.PutAsync(Samples.NewKey(), Samples.Document("a"), Samples.Pdf, CancellationToken.None);
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("b"), Samples.Pdf, CancellationToken.None);
        await Assert.ThrowsAsync<Errors.RevisionAlreadyExistsException>(
            () => Store.PutAsync(key, Samples.Document("c"), Samples.Pdf, CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, ".incoming")));
    }

    [Fact]
    public async Task Of_many_concurrent_writers_of_one_revision_exactly_one_wins()
    {
        var key = Samples.NewKey();
        var candidates = Enumerable.Range(0, 8).Select(i => Samples.Document("writer " + i)).ToArray();

        var outcomes = await Task.WhenAll(candidates.Select(async bytes =>
        {
            await Task.Yield();
            try
            {
                await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);
                return bytes;
            }
            catch (Errors.RevisionAlreadyExistsException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(winner, (await Store.GetAsync(key, null, CancellationToken.None)).Content.ToArray());
    }

    [Fact]
    public async Task A_deleted_meta_file_reads_as_absent_and_a_deleted_content_file_as_corrupted()
    {
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("parts"), Samples.Pdf, CancellationToken.None);

        File.Delete(ContentPath(key));

        await Assert.ThrowsAsync<Errors.DocumentCorruptedException>(() => Store.GetAsync(key, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_download_token_grants_exactly_that_revision_until_it_expires()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var signer = new DownloadTokenSigner(RandomNumberGenerator.GetBytes(32), time);
        var store = new FileSystemDocumentStore(new FileSystemStoreOptions { RootPath = _root }, new DownloadLinkOptions(),
            new StoreResilienceOptions(), signer, time, _log);
        var key = Samples.NewKey();
        var stored = await store.PutAsync(key, Samples.Document("token"), Samples.Pdf, CancellationToken.None);

        var link = await store.CreateDownloadLinkAsync(key, new DownloadRequest("抵押合同.pdf", Samples.Pdf, TimeSpan.FromMinutes(5), stored.Sha256),
            CancellationToken.None);
        var token = link.Url.OriginalString["/api/v1/downloads/".Length..];
        var grant = signer.Validate(token);

        Assert.StartsWith("/api/v1/downloads/", link.Url.OriginalString, StringComparison.Ordinal);
        Assert.Equal(key, grant.Key);
        Assert.Equal(stored.Sha256, grant.Sha256);
        Assert.Equal("抵押合同.pdf", grant.FileName);
        Assert.Equal(Samples.Pdf, grant.ContentType);
        Assert.Equal(link.ContentDisposition, grant.ContentDisposition);

        time.Advance(TimeSpan.FromMinutes(5));
        var expired = Assert.Throws<Errors.InvalidDownloadTokenException>(() => signer.Validate(token));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_or_foreign_download_token_is_refused()
    {
        var signer = new DownloadTokenSigner(RandomNumberGenerator.GetBytes(32), TimeProvider.System);
        var key = Samples.NewKey();
        var sha = new string('a', 64);
        var token = signer.CreateToken(key, sha, Samples.Pdf, "a.pdf", DateTimeOffset.UtcNow.AddMinutes(5));
        var otherKeysToken = new DownloadTokenSigner(RandomNumberGenerator.GetBytes(32), TimeProvider.System)
            .CreateToken(key, sha, Samples.Pdf, "a.pdf", DateTimeOffset.UtcNow.AddMinutes(5));
        var forgedPayload = signer.CreateToken(key.WithRevision(2), sha, Samples.Pdf, "a.pdf", DateTimeOffset.UtcNow.AddMinutes(5))
            .Split('.')[0] + "." + token.Split('.')[1];

        Assert.Contains("signature", Assert.Throws<Errors.InvalidDownloadTokenException>(() => signer.Validate(otherKeysToken)).Message,
            StringComparison.Ordinal);
        Assert.Contains("signature", Assert.Throws<Errors.InvalidDownloadTokenException>(() => signer.Validate(forgedPayload)).Message,
            StringComparison.Ordinal);
        Assert.Throws<Errors.InvalidDownloadTokenException>(() => signer.Validate("not-a-token"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Start_up_says_plainly_that_the_filesystem_has_no_worm_retention()
    {
        await Store.EnsureReadyAsync(CancellationToken.None);
        Assert.True(_log.Contains(LogLevel.Information, "no WORM retention"));
    }

    private string ContentPath(DocumentKey key) =>
        Path.Combine(_root, key.CentreId, key.CaseId, key.DocumentId, $"r{key.Revision:D6}", "content");
}
