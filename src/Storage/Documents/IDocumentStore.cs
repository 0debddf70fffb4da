namespace OneThing.Storage.Documents;

/// <summary>
/// Write-once storage of document revisions with integrity proven on every read.
/// Implementations: <see cref="FileSystem.FileSystemDocumentStore"/> (embedded default) and
/// <see cref="S3.S3DocumentStore"/> (MinIO or any S3-compatible server).
/// </summary>
/// <remarks>
/// Errors are typed: <see cref="Errors.RevisionAlreadyExistsException"/>, <see cref="Errors.DocumentNotFoundException"/>,
/// <see cref="Errors.DocumentCorruptedException"/>, <see cref="Errors.DocumentStoreUnavailableException"/> (carries a retry-after hint).
/// </remarks>
public interface IDocumentStore
{
    /// <summary>Short name for logs and start banners ("filesystem", "s3").</summary>
    string Kind { get; }

    /// <summary>Creates and checks the bucket/folder, applies retention where supported, and says plainly what is not.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes a revision exactly once. Re-sending identical bytes (a retried request) returns the stored
    /// revision; different bytes for an existing revision are refused with <see cref="Errors.RevisionAlreadyExistsException"/>.
    /// </summary>
    Task<StoredObjectInfo> PutAsync(DocumentKey key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a revision, recomputes its SHA-256 and compares it with the hash stored alongside the object
    /// and, when given, with <paramref name="expectedSha256"/> (the catalog's). A mismatch is refused with
    /// <see cref="Errors.DocumentCorruptedException"/> and logged.
    /// </summary>
    Task<StoredDocument> GetAsync(DocumentKey key, string? expectedSha256, CancellationToken cancellationToken);

    /// <summary>The stored metadata of a revision, or null when there is none.</summary>
    Task<StoredObjectInfo?> StatAsync(DocumentKey key, CancellationToken cancellationToken);

    /// <summary>Every revision object in the store (for the sweeper); foreign objects are skipped.</summary>
    IAsyncEnumerable<StoredObjectEntry> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes an object. Only the sweeper calls this, for objects no committed record points to.</summary>
    Task DeleteAsync(DocumentKey key, CancellationToken cancellationToken);

    /// <summary>A short-lived download link for an existing revision.</summary>
    Task<DownloadLink> CreateDownloadLinkAsync(DocumentKey key, DownloadRequest request, CancellationToken cancellationToken);
}
