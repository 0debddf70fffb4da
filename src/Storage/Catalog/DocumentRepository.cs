using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;

namespace OneThing.Storage.Catalog;

/// <summary>
/// Stores and reads document revisions so that nothing is lost: the object is written first and the
/// database record committed second. A crash or outage in between leaves an orphan object (removed by
/// the <see cref="Sweeping.DocumentSweeper"/> after its grace period), never a record without bytes.
/// Reads check the bytes against the hash the catalog committed.
/// </summary>
public sealed class DocumentRepository(IDocumentStore store, IDocumentCatalog catalog, ILogger<DocumentRepository> logger)
{
    /// <summary>Stores one revision. Retrying with the same bytes is harmless; different bytes are refused.</summary>
    /// <exception cref="RevisionAlreadyExistsException">The revision is committed with different bytes.</exception>
    /// <exception cref="DocumentStoreUnavailableException">The store is down or slow; nothing was committed.</exception>
    public async Task<StoredRevisionRecord> StoreAsync(DocumentKey key, ReadOnlyMemory<byte> content, string contentType,
        CancellationToken cancellationToken)
    {
        var sha256 = ContentHash.Sha256Hex(content.Span);
        var committed = await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false);
        if (committed is not null)
            return ContentHash.AreEqual(committed.Sha256, sha256) ? committed : throw new RevisionAlreadyExistsException(key, committed.Sha256);

        var stored = await store.PutAsync(key, content, contentType, cancellationToken).ConfigureAwait(false);
        var record = StoredRevisionRecord.For(key, stored);
        try
        {
            await catalog.AddAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            // a concurrent writer committed the same revision first: same bytes is fine, anything else is refused
            var winner = await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false);
            if (winner is null) throw;
            logger.LogInformation("Revision {Key} was committed concurrently ({Error})", key, e.InnerException?.Message ?? e.Message);
            return ContentHash.AreEqual(winner.Sha256, sha256) ? winner : throw new RevisionAlreadyExistsException(key, winner.Sha256);
        }

        return record;
    }

    /// <summary>Stores the bytes as the document's next revision (latest committed + 1).</summary>
    public async Task<StoredRevisionRecord> StoreNextRevisionAsync(string centreId, string caseId, string documentId,
        ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var latest = await catalog.LatestRevisionAsync(centreId, caseId, documentId, cancellationToken).ConfigureAwait(false);
        return await StoreAsync(new DocumentKey(centreId, caseId, documentId, latest + 1), content, contentType, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reads a committed revision, proven intact against the catalog's hash and the object's own.</summary>
    /// <exception cref="DocumentNotFoundException">No committed record (an orphan object is not a document).</exception>
    /// <exception cref="DocumentCorruptedException">The bytes changed behind the store's back.</exception>
    public async Task<StoredDocument> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var record = await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(key);
        try
        {
            return await store.GetAsync(key, record.Sha256, cancellationToken).ConfigureAwait(false);
        }
        catch (DocumentNotFoundException)
        {
            // a committed revision without bytes is lost data, not a client error: make sure an operator hears of it
            logger.LogCritical("Committed revision {Key} (SHA-256 {Sha256}, stored {StoredAt:O}) is missing from the {Store} store",
                key, record.Sha256, record.StoredAtUtc, store.Kind);
            throw;
        }
    }

    /// <summary>A short-lived download link for a committed revision.</summary>
    public async Task<DownloadLink> CreateDownloadLinkAsync(DocumentKey key, string fileName, TimeSpan lifetime,
        CancellationToken cancellationToken)
    {
        var record = await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(key);
        return await store.CreateDownloadLinkAsync(key, new DownloadRequest(fileName, record.ContentType, lifetime, record.Sha256), cancellationToken)
            .ConfigureAwait(false);
    }
}
