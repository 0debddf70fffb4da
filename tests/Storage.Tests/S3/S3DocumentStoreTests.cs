using System.Net;
using Microsoft.Extensions.Logging;
using Minio.DataModel.Args;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.S3;
using OneThing.Storage.Tests.Contract;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.S3;

/// <summary>The contract against the real local S3 server (s3rver, started by test.sh).</summary>
public sealed class S3DocumentStoreTests : DocumentStoreContract
{
    private const string Bucket = "onething-contract";
    private readonly ListLogger<S3DocumentStore> _log = new();
    private readonly S3StoreOptions _options = LocalS3.Options(Bucket);

    internal static S3DocumentStore Create(S3StoreOptions options, ILogger<S3DocumentStore> log,
        StoreResilienceOptions? resilience = null, TimeProvider? time = null)
    {
        resilience ??= new StoreResilienceOptions();
        var client = S3ClientFactory.Create(options, resilience);
        return new S3DocumentStore(client, client, options, new DownloadLinkOptions(), resilience, time ?? TimeProvider.System, log);
    }

    protected override IEnumerable<(LogLevel Level, string Message)> StoreLog => _log.Entries;

    protected override Task<IDocumentStore> CreateStoreAsync() => Task.FromResult<IDocumentStore>(Create(_options, _log));

    protected override async Task CorruptBehindTheStoresBackAsync(DocumentKey key, byte[] otherBytes)
    {
        // straight through the SDK, keeping the recorded hash, as a careless or malicious operator would
        using var raw = LocalS3.RawClient(_options);
        var stat = await raw.StatObjectAsync(new StatObjectArgs().WithBucket(Bucket).WithObject(key.ObjectKey));
        await raw.PutObjectAsync(new PutObjectArgs().WithBucket(Bucket).WithObject(key.ObjectKey)
            .WithStreamData(new MemoryStream(otherBytes)).WithObjectSize(otherBytes.Length).WithContentType(Samples.Pdf)
            .WithHeaders(new Dictionary<string, string> { ["x-amz-meta-sha256"] = stat.MetaData["sha256"] }));
    }

    [Fact]
    public async Task The_recorded_hash_is_in_the_objects_own_metadata()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("metadata");
        await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);

        using var raw = LocalS3.RawClient(_options);
        var stat = await raw.StatObjectAsync(new StatObjectArgs().WithBucket(Bucket).WithObject(key.ObjectKey));

        Assert.Equal(ContentHash.Sha256Hex(bytes), stat.MetaData["sha256"]);
        Assert.Equal(Samples.Pdf, stat.ContentType);
    }

    [Fact]
    public async Task A_presigned_link_downloads_the_bytes_with_content_type_and_chinese_file_name()
    {
        var key = Samples.NewKey();
        var bytes = Samples.Document("presigned", 200 * 1024);
        await Store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);
        var link = await Store.CreateDownloadLinkAsync(key,
            new DownloadRequest("个人住房公积金借款合同 (签章版).pdf", Samples.Pdf, TimeSpan.FromMinutes(1)), CancellationToken.None);

        using var http = new HttpClient();
        using var response = await http.GetAsync(link.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Samples.Pdf, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("个人住房公积金借款合同 (签章版).pdf", disposition.FileNameStar);
    }

    [Fact]
    public async Task A_presigned_link_is_refused_by_the_server_once_it_has_expired()
    {
        var key = Samples.NewKey();
        await Store.PutAsync(key, Samples.Document("expired"), Samples.Pdf, CancellationToken.None);
        // a link made ten minutes ago with a one-minute life
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        var link = await Create(_options, _log, time: past).CreateDownloadLinkAsync(key,
            new DownloadRequest("a.pdf", Samples.Pdf, TimeSpan.FromMinutes(1)), CancellationToken.None);

        using var http = new HttpClient();
        using var response = await http.GetAsync(link.Url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_says_plainly_when_the_server_has_no_versioning_or_object_lock()
    {
        var options = LocalS3.Options(LocalS3.UniqueBucket("onething-lock"));
        options.RetentionMode = RetentionMode.Compliance;
        options.RetentionDays = 3650;
        var log = new ListLogger<S3DocumentStore>();

        await Create(options, log).EnsureReadyAsync(CancellationToken.None);

        Assert.True(log.Contains(LogLevel.Warning, "does not implement bucket versioning or object lock"), string.Join("\n", log.Entries));
    }

    [Fact]
    public async Task Start_up_refuses_a_server_without_object_lock_when_it_is_required()
    {
        var options = LocalS3.Options(LocalS3.UniqueBucket("onething-req"));
        options.RetentionMode = RetentionMode.Compliance;
        options.RetentionDays = 3650;
        options.RequireObjectLock = true;

        var error = await Assert.ThrowsAsync<Errors.DocumentStoreUnavailableException>(
            () => Create(options, new ListLogger<S3DocumentStore>()).EnsureReadyAsync(CancellationToken.None));

        Assert.Contains("RequireObjectLock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_creates_a_missing_bucket()
    {
        var options = LocalS3.Options(LocalS3.UniqueBucket("onething-new"));
        using var raw = LocalS3.RawClient(options);
        Assert.False(await raw.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Bucket)));

        await Create(options, new ListLogger<S3DocumentStore>()).EnsureReadyAsync(CancellationToken.None);

        Assert.True(await raw.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Bucket)));
    }
}
