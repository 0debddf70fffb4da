using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OneThing.Durability;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.Errors;

namespace OneThing.Storage.FileSystem;

/// <summary>
/// The embedded default store: one folder per revision, <c>{root}/{centre}/{case}/{document}/r000001/</c>
/// holding <c>content</c> and <c>meta.json</c>. A revision is assembled in <c>{root}/.incoming/</c> and
/// renamed into place in one step, so a reader or a crash never sees half of it, and the rename fails
/// when the revision already exists, so nothing is overwritten.
/// </summary>
public sealed class FileSystemDocumentStore : IDocumentStore
{
    private const string ContentFile = "content";
    private const string MetadataFile = "meta.json";
    private const string IncomingFolder = ".incoming";
    private static readonly TimeSpan StaleIncomingAge = TimeSpan.FromHours(1);

    private readonly string _root;
    private readonly string _incoming;
    private readonly FileSystemStoreOptions _options;
    private readonly DownloadLinkOptions _linkOptions;
    private readonly StoreResilienceOptions _resilience;
    private readonly DownloadTokenSigner _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<FileSystemDocumentStore> _logger;

    public FileSystemDocumentStore(FileSystemStoreOptions options, DownloadLinkOptions linkOptions,
        StoreResilienceOptions resilience, DownloadTokenSigner tokens, TimeProvider time, ILogger<FileSystemDocumentStore> logger)
    {
        _options = options;
        _linkOptions = linkOptions;
        _resilience = resilience;
        _tokens = tokens;
        _time = time;
        _logger = logger;
        _root = Path.GetFullPath(options.RootPath);
        _incoming = Path.Combine(_root, IncomingFolder);
    }

    public string Kind => "filesystem";

    public string RootPath => _root;

    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(_incoming);
            // prove the folder is writable now rather than on the first signature
            var probe = Path.Combine(_incoming, "probe-" + Guid.NewGuid().ToString("N"));
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            RemoveStaleIncoming();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentStoreUnavailableException(
                $"The document folder {_root} is not writable: {e.Message}", _resilience.RetryAfter, e);
        }

        _logger.LogInformation(
            "Document store: filesystem at {Root}. Revisions are write-once (atomic create-new rename) and hash-checked on read; " +
            "the filesystem has no WORM retention: use the S3 store with MinIO object lock for the legal archive",
            _root);
        return Task.CompletedTask;
    }

    public async Task<StoredObjectInfo> PutAsync(DocumentKey key, ReadOnlyMemory<byte> content, string contentType,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var sha256 = ContentHash.Sha256Hex(content.Span);
        var final = RevisionFolder(key);
        var existing = await TryReadMetadataAsync(key, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return SameOrRefuse(key, existing, sha256);

        var temp = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        var info = new StoredObjectInfo(key, sha256, content.Length, contentType, _time.GetUtcNow());
        try
        {
            Directory.CreateDirectory(temp);
            var metadata = new FileSystemObjectMetadata(sha256, content.Length, contentType, info.StoredAt);
            // Both files are flushed to disk before the rename publishes them; side by side, because each
            // fsync waits several milliseconds and one after the other they would double every write.
            await Task.WhenAll(
                    WriteDurablyAsync(Path.Combine(temp, ContentFile), content, cancellationToken),
                    WriteDurablyAsync(Path.Combine(temp, MetadataFile), JsonSerializer.SerializeToUtf8Bytes(metadata), cancellationToken))
                .ConfigureAwait(false);
            // The files' names are in the folder, which must reach the disk before it is published.
            DirectorySync.Flush(temp);
            // Folders made for the revision are durable before it is published in them.
            DirectorySync.CreateDirectory(Path.GetDirectoryName(final)!);
            try
            {
                // rename(2) of a folder is atomic and fails on an existing non-empty target: the write-once point
                Directory.Move(temp, final);
            }
            catch (IOException) when (Directory.Exists(final))
            {
                var winner = await TryReadMetadataAsync(key, cancellationToken).ConfigureAwait(false);
                return winner is null ? throw new RevisionAlreadyExistsException(key, "unknown") : SameOrRefuse(key, winner, sha256);
            }
            // Only once the renamed entry is on disk (its folders already are) is the revision stored:
            // without this a crash soon after the caller was told "stored" could forget it.
            DirectorySync.Flush(Path.GetDirectoryName(final)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentStoreUnavailableException(
                $"The document folder {_root} could not take revision {key}: {e.Message}", _resilience.RetryAfter, e);
        }
        finally
        {
            TryDeleteFolder(temp);
        }

        _logger.LogInformation("Stored revision {Key} ({Length} bytes, SHA-256 {Sha256})", key, content.Length, sha256);
        return info;
    }

    public async Task<StoredDocument> GetAsync(DocumentKey key, string? expectedSha256, CancellationToken cancellationToken)
    {
        var metadata = await TryReadMetadataAsync(key, cancellationToken).ConfigureAwait(false)
                       ?? throw new DocumentNotFoundException(key);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path.Combine(RevisionFolder(key), ContentFile), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw Corrupted(key, metadata.Sha256, "missing", "the store's metadata");
        }

        var actual = ContentHash.Sha256Hex(bytes);
        if (!ContentHash.AreEqual(actual, metadata.Sha256)) throw Corrupted(key, metadata.Sha256, actual, "the store's metadata");
        if (expectedSha256 is not null && !ContentHash.AreEqual(actual, expectedSha256))
            throw Corrupted(key, expectedSha256, actual, "the catalog");
        return new StoredDocument(metadata, bytes);
    }

    public Task<StoredObjectInfo?> StatAsync(DocumentKey key, CancellationToken cancellationToken) =>
        TryReadMetadataAsync(key, cancellationToken);

    public async IAsyncEnumerable<StoredObjectEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root)) yield break;
        foreach (var metadataPath in Directory.EnumerateFiles(_root, MetadataFile,
                     new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4 }))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(_root, Path.GetDirectoryName(metadataPath)!).Replace(Path.DirectorySeparatorChar, '/');
            if (!DocumentKey.TryParse(relative, out var key)) continue;
            var contentPath = Path.Combine(Path.GetDirectoryName(metadataPath)!, ContentFile);
            var length = File.Exists(contentPath) ? new FileInfo(contentPath).Length : 0;
            yield return new StoredObjectEntry(key!, length, File.GetLastWriteTimeUtc(metadataPath));
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task DeleteAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var folder = RevisionFolder(key);
        if (!Directory.Exists(folder)) return Task.CompletedTask;
        // move out of the tree first so a half-deleted revision is never visible under its key
        var doomed = Path.Combine(_incoming, "deleted-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_incoming);
        Directory.Move(folder, doomed);
        TryDeleteFolder(doomed);
        return Task.CompletedTask;
    }

    public async Task<DownloadLink> CreateDownloadLinkAsync(DocumentKey key, DownloadRequest request, CancellationToken cancellationToken)
    {
        var lifetime = DownloadLifetime.Resolve(request.Lifetime, _linkOptions);
        var stored = await TryReadMetadataAsync(key, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(key);
        var expiresAt = _time.GetUtcNow().Add(lifetime);
        // The token carries the hash the download must match: the catalog's when given, else the one stored now.
        var token = _tokens.CreateToken(key, request.ExpectedSha256 ?? stored.Sha256, request.ContentType, request.FileName, expiresAt);
        return new DownloadLink(new Uri(_options.DownloadBaseUri + token, UriKind.RelativeOrAbsolute), expiresAt,
            request.ContentType, request.FileName, ContentDispositionBuilder.Attachment(request.FileName));
    }

    private string RevisionFolder(DocumentKey key) =>
        Path.Combine(_root, key.CentreId, key.CaseId, key.DocumentId, key.ObjectKey[(key.ObjectKey.LastIndexOf('/') + 1)..]);

    private async Task<StoredObjectInfo?> TryReadMetadataAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var path = Path.Combine(RevisionFolder(key), MetadataFile);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            var metadata = await JsonSerializer.DeserializeAsync<FileSystemObjectMetadata>(stream, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return metadata is null ? null : new StoredObjectInfo(key, metadata.Sha256, metadata.Length, metadata.ContentType, metadata.StoredAt);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            _logger.LogError("Revision {Key} has unreadable metadata: {Error}", key, e.Message);
            throw Corrupted(key, "unreadable", "unknown", "the store's metadata");
        }
    }

    private DocumentCorruptedException Corrupted(DocumentKey key, string expected, string actual, string source)
    {
        var error = new DocumentCorruptedException(key, expected, actual, source);
        _logger.LogError("Integrity check failed, refusing to serve: {Message}", error.Message);
        return error;
    }

    private static StoredObjectInfo SameOrRefuse(DocumentKey key, StoredObjectInfo existing, string sha256) =>
        ContentHash.AreEqual(existing.Sha256, sha256) ? existing : throw new RevisionAlreadyExistsException(key, existing.Sha256);

    private static async Task WriteDurablyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        // Off the caller's thread at once: the small metadata write would otherwise complete synchronously
        // and fsync before the content write was even started.
        await Task.Yield();
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private void RemoveStaleIncoming()
    {
        foreach (var folder in Directory.EnumerateDirectories(_incoming))
            if (_time.GetUtcNow() - Directory.GetLastWriteTimeUtc(folder) > StaleIncomingAge)
                TryDeleteFolder(folder);
    }

    private void TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not remove {Folder}: {Error}", folder, e.Message);
        }
    }
}
