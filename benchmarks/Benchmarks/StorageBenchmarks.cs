using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.FileSystem;
using OneThing.Storage.S3;

namespace OneThing.Benchmarks;

/// <summary>
/// Put + get of 200 KB documents through the document store (hash on write, hash check on read).
/// S3 runs against the local server: `eval "$(storage/start-local-s3.sh)"` first (it exports ONETHING_S3_ENDPOINT).
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private const int DocumentSize = 200 * 1024;
    private const int Parallel = 8;
    private readonly byte[] _document = new byte[DocumentSize];
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private IDocumentStore _store = null!;
    private DocumentKey _stored = null!;
    private string? _folder;
    private int _next;

    [Params("s3", "filesystem")]
    public string Store { get; set; } = "s3";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Random.Shared.NextBytes(_document);
        var resilience = new StoreResilienceOptions();
        var links = new DownloadLinkOptions();
        if (Store == "s3")
        {
            var endpoint = Environment.GetEnvironmentVariable("ONETHING_S3_ENDPOINT")
                           ?? throw new InvalidOperationException("ONETHING_S3_ENDPOINT is not set: run `eval \"$(storage/start-local-s3.sh)\"` first.");
            var options = new S3StoreOptions
            {
                Endpoint = endpoint,
                AccessKey = Environment.GetEnvironmentVariable("ONETHING_S3_ACCESS_KEY") ?? "S3RVER",
                SecretKey = Environment.GetEnvironmentVariable("ONETHING_S3_SECRET_KEY") ?? "S3RVER",
                Bucket = "onething-bench",
            };
            var client = S3ClientFactory.Create(options, resilience);
            _store = new S3DocumentStore(client, client, options, links, resilience, TimeProvider.System, NullLogger<S3DocumentStore>.Instance);
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("onething-bench-").FullName;
            _store = new FileSystemDocumentStore(new FileSystemStoreOptions { RootPath = _folder }, links, resilience,
                new DownloadTokenSigner(new byte[32], TimeProvider.System), TimeProvider.System, NullLogger<FileSystemDocumentStore>.Instance);
        }

        await _store.EnsureReadyAsync(CancellationToken.None);
        _stored = NextKey();
        await _store.PutAsync(_stored, _document, "application/pdf", CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One new revision written (existence check, hash, write).</summary>
    [Benchmark]
    public Task<StoredObjectInfo> Put() => _store.PutAsync(NextKey(), _document, "application/pdf", CancellationToken.None);

    /// <summary>One revision read back and its hash verified.</summary>
    [Benchmark]
    public Task<StoredDocument> Get() => _store.GetAsync(_stored, null, CancellationToken.None);

    /// <summary>Eight clients each writing a new revision and reading it back: per-operation time under concurrency.</summary>
    [Benchmark(OperationsPerInvoke = Parallel)]
    public Task PutThenGetConcurrent() => Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
    {
        var key = NextKey();
        await _store.PutAsync(key, _document, "application/pdf", CancellationToken.None);
        await _store.GetAsync(key, null, CancellationToken.None);
    }));

    private DocumentKey NextKey() => new("bench", "run-" + _run, "doc-" + Interlocked.Increment(ref _next), 1);
}
