using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel;
using Minio.DataModel.Args;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.Errors;
using OneThing.Storage.Resilience;

namespace OneThing.Storage.S3;

/// <summary>
/// Revisions as objects in one bucket, key "{centre}/{case}/{document}/r000001", with the SHA-256 in
/// the object's user metadata (x-amz-meta-sha256). Works against MinIO and any S3-compatible server.
/// Never issues ranged GETs (the Minio 7.0.0 SDK throws on them): a read fetches the whole object.
/// </summary>
public sealed class S3DocumentStore : IDocumentStore, IDisposable
{
    internal const string Sha256MetadataKey = "sha256";

    private readonly IMinioClient _client;
    private readonly IMinioClient _presignClient;
    private readonly S3StoreOptions _options;
    private readonly DownloadLinkOptions _linkOptions;
    private readonly StoreCallPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger<S3DocumentStore> _logger;
    private readonly bool _ownsClients;

    /// <param name="presignClient">Client for the endpoint banks reach (may be <paramref name="client"/>); presigning is offline.</param>
    public S3DocumentStore(IMinioClient client, IMinioClient presignClient, S3StoreOptions options, DownloadLinkOptions linkOptions,
        StoreResilienceOptions resilience, TimeProvider time, ILogger<S3DocumentStore> logger, bool ownsClients = false)
    {
        _ownsClients = ownsClients;
        _client = client;
        _presignClient = presignClient;
        _options = options;
        _linkOptions = linkOptions;
        _time = time;
        _logger = logger;
        _policy = new StoreCallPolicy(resilience, S3ErrorClassifier.IsTransient, $"s3 {options.Endpoint}/{options.Bucket}", logger);
    }

    public string Kind => "s3";

    public void Dispose()
    {
        if (!_ownsClients) return;
        _client.Dispose();
        if (!ReferenceEquals(_presignClient, _client)) _presignClient.Dispose();
    }

    public Task EnsureReadyAsync(CancellationToken cancellationToken) =>
        new S3BucketSetup(_client, _options, _policy, _logger).RunAsync(cancellationToken);

    public async Task<StoredObjectInfo> PutAsync(DocumentKey key, ReadOnlyMemory<byte> content, string contentType,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var sha256 = ContentHash.Sha256Hex(content.Span);
        // servers without conditional writes (s3rver) would overwrite silently: look first
        var existing = await StatAsync(key, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return await SameOrRefuseAsync(key, existing, sha256, cancellationToken).ConfigureAwait(false);

        var body = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? segment
            : new ArraySegment<byte>(content.ToArray());
        try
        {
            await _policy.ExecuteAsync($"store {key}", token => _client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(_options.Bucket)
                .WithObject(key.ObjectKey)
                .WithStreamData(new MemoryStream(body.Array!, body.Offset, body.Count, writable: false))
                .WithObjectSize(body.Count)
                .WithContentType(contentType)
                .WithHeaders(new Dictionary<string, string> { ["x-amz-meta-" + Sha256MetadataKey] = sha256 })
                // If-None-Match: * makes the put itself refuse to overwrite where the server honours it (MinIO, AWS),
                // closing the gap between the look above and this write. The Minio SDK 7.0.0 sends it only on a
                // single-part put (under 5 MiB); a larger document switches to multipart and has the look alone.
                .WithNotMatchETag("*"), token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3ErrorClassifier.IsPreconditionFailed(e))
        {
            var winner = await StatAsync(key, cancellationToken).ConfigureAwait(false)
                         ?? throw new RevisionAlreadyExistsException(key, "unknown");
            return await SameOrRefuseAsync(key, winner, sha256, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Stored revision {Key} in {Bucket} ({Length} bytes, SHA-256 {Sha256})",
            key, _options.Bucket, content.Length, sha256);
        return new StoredObjectInfo(key, sha256, content.Length, contentType, _time.GetUtcNow());
    }

    public async Task<StoredDocument> GetAsync(DocumentKey key, string? expectedSha256, CancellationToken cancellationToken)
    {
        var (stat, bytes) = await _policy.ExecuteAsync($"read {key}", async token =>
        {
            var buffer = new MemoryStream();
            try
            {
                var objectStat = await _client.GetObjectAsync(new GetObjectArgs()
                    .WithBucket(_options.Bucket)
                    .WithObject(key.ObjectKey)
                    .WithCallbackStream((stream, t) => stream.CopyToAsync(buffer, t)), token).ConfigureAwait(false);
                return (objectStat, buffer.ToArray());
            }
            catch (Exception e) when (S3ErrorClassifier.IsNotFound(e))
            {
                throw new DocumentNotFoundException(key);
            }
        }, cancellationToken).ConfigureAwait(false);

        var info = ToInfo(key, stat, bytes.LongLength);
        var actual = ContentHash.Sha256Hex(bytes);
        if (!ContentHash.IsSha256Hex(info.Sha256)) throw Corrupted(key, "no sha256 metadata", actual, "the object's metadata");
        if (!ContentHash.AreEqual(actual, info.Sha256)) throw Corrupted(key, info.Sha256, actual, "the object's metadata");
        if (expectedSha256 is not null && !ContentHash.AreEqual(actual, expectedSha256))
            throw Corrupted(key, expectedSha256, actual, "the catalog");
        return new StoredDocument(info, bytes);
    }

    public Task<StoredObjectInfo?> StatAsync(DocumentKey key, CancellationToken cancellationToken) =>
        _policy.ExecuteAsync<StoredObjectInfo?>($"look up {key}", async token =>
        {
            try
            {
                var stat = await _client.StatObjectAsync(new StatObjectArgs().WithBucket(_options.Bucket).WithObject(key.ObjectKey), token)
                    .ConfigureAwait(false);
                return ToInfo(key, stat, stat.Size);
            }
            catch (Exception e) when (S3ErrorClassifier.IsNotFound(e))
            {
                return null;
            }
        }, cancellationToken);

    public async IAsyncEnumerable<StoredObjectEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = _client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_options.Bucket).WithRecursive(true), cancellationToken);
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Item item;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) yield break;
                item = enumerator.Current;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not DocumentStoreException)
            {
                throw _policy.Unavailable("list objects", e);
            }

            if (!item.IsDir && DocumentKey.TryParse(item.Key, out var key))
                yield return new StoredObjectEntry(key!, (long)item.Size,
                    item.LastModifiedDateTime is { } modified ? AsUtc(modified) : DateTimeOffset.MinValue);
        }
    }

    public Task DeleteAsync(DocumentKey key, CancellationToken cancellationToken) =>
        _policy.ExecuteAsync($"delete {key}",
            token => _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_options.Bucket).WithObject(key.ObjectKey), token),
            cancellationToken);

    public async Task<DownloadLink> CreateDownloadLinkAsync(DocumentKey key, DownloadRequest request, CancellationToken cancellationToken)
    {
        var lifetime = DownloadLifetime.Resolve(request.Lifetime, _linkOptions);
        var stored = await StatAsync(key, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(key);
        // S3 serves a presigned URL without us, so the only check possible is before signing it: the
        // object's recorded hash must be the catalog's.
        if (request.ExpectedSha256 is { } expected && !string.Equals(stored.Sha256, expected, StringComparison.OrdinalIgnoreCase))
            throw new DocumentCorruptedException(key, expected, stored.Sha256, "the catalog");
        var disposition = ContentDispositionBuilder.Attachment(request.FileName);
        var now = _time.GetUtcNow();
        var url = await _presignClient.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(_options.Bucket)
            .WithObject(key.ObjectKey)
            .WithExpiry((int)Math.Ceiling(lifetime.TotalSeconds))
            .WithRequestDate(now.UtcDateTime)
            // response-* parameters are signed into the URL: S3 serves the object with these headers
            .WithHeaders(new Dictionary<string, string>
            {
                ["response-content-type"] = request.ContentType,
                ["response-content-disposition"] = disposition,
            })).ConfigureAwait(false);
        return new DownloadLink(new Uri(url), now.Add(lifetime), request.ContentType, request.FileName, disposition);
    }

    private static StoredObjectInfo ToInfo(DocumentKey key, ObjectStat stat, long length)
    {
        var sha = stat.MetaData.FirstOrDefault(p => string.Equals(p.Key, Sha256MetadataKey, StringComparison.OrdinalIgnoreCase)).Value ?? "";
        return new StoredObjectInfo(key, sha.ToLowerInvariant(), length, stat.ContentType ?? "application/octet-stream",
            AsUtc(stat.LastModified));
    }

    /// <summary>
    /// The SDK parses S3's UTC times with DateTime.Parse, which yields local time on a machine outside UTC;
    /// the sweeper's grace period must not shift by the server's time zone.
    /// </summary>
    private static DateTimeOffset AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
    };

    private async Task<StoredObjectInfo> SameOrRefuseAsync(DocumentKey key, StoredObjectInfo existing, string sha256,
        CancellationToken cancellationToken)
    {
        if (!ContentHash.AreEqual(existing.Sha256, sha256)) throw new RevisionAlreadyExistsException(key, existing.Sha256);
        // same recorded hash: a retried put. Prove the stored bytes really are these before calling it done.
        await GetAsync(key, sha256, cancellationToken).ConfigureAwait(false);
        return existing;
    }

    private DocumentCorruptedException Corrupted(DocumentKey key, string expected, string actual, string source)
    {
        var error = new DocumentCorruptedException(key, expected, actual, source);
        _logger.LogError("Integrity check failed, refusing to serve: {Message}", error.Message);
        return error;
    }
}
