using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Telemetry;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Catalog;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Puts document revisions into the store and stages their catalog rows on the case's unit of work:
/// the object is written first, the database commits second (with the case change), so a failure
/// in between never leaves a record without bytes.
/// Revisions are write-once and numbered n+1, and a retried signature never has the same bytes, so an
/// object left by a failed request would refuse every retry of that revision until the sweeper's grace
/// period ran out. What this unit of work wrote and did not commit is therefore removed when the request
/// fails (<see cref="DiscardUncommittedAsync"/>) and at the latest when its scope ends. A crash, or a write the
/// store reported as failed but stored after all (a timeout), still leaves an orphan: the holder of the case's
/// turn replaces it (<see cref="StageNextRevisionsAsync"/>), and the sweeper removes any other.
/// </summary>
public sealed class CaseDocumentFiles : IAsyncDisposable
{
    public const string PdfContentType = "application/pdf";
    private static readonly TimeSpan DiscardBudget = TimeSpan.FromSeconds(30);
    private static readonly KeyValuePair<string, object?> PutOperation = new("operation", "put");
    private static readonly KeyValuePair<string, object?> GetOperation = new("operation", "get");

    private readonly IDocumentStore _store;
    private readonly IDocumentCatalog _catalog;
    private readonly SigningDbContext _db;
    private readonly ILogger<CaseDocumentFiles> _logger;
    private readonly Lock _lock = new();
    // Written by this unit of work and not known to be committed; staged ones are forgotten once a save succeeds.
    private readonly Dictionary<string, DocumentKey> _uncommitted = new(StringComparer.Ordinal);
    private readonly List<string> _staged = [];
    private readonly SemaphoreSlim _catalogQueries = new(1, 1);

    public CaseDocumentFiles(IDocumentStore store, IDocumentCatalog catalog, SigningDbContext db, ILogger<CaseDocumentFiles> logger)
    {
        _store = store;
        _catalog = catalog;
        _db = db;
        _logger = logger;
        _db.SavedChanges += OnSavedChanges;
    }

    public static DocumentKey KeyOf(SigningCase signingCase, CaseDocument document, int revision) =>
        new(signingCase.CentreCode, signingCase.Id.ToString("N"), document.DocumentId, revision);

    /// <summary>Writes <paramref name="pdf"/> as the document's next revision and points the document at it (uncommitted).</summary>
    public Task StageNextRevisionAsync(SigningCase signingCase, CaseDocument document, byte[] pdf, CancellationToken ct, CaseTurn? turn = null) =>
        StageNextRevisionsAsync(signingCase, [(document, pdf)], ct, turn);

    /// <summary>
    /// Writes each document's next revision and points the documents at them (uncommitted). The store
    /// writes run together: each waits on its own fsync, which on this kind of disk is most of a sign
    /// request's time. If one fails nothing is staged, and what the others wrote is discarded with the request.
    /// With the case's <paramref name="turn"/>, an object already at a next revision that no committed record
    /// points to is replaced: no other request can be between writing it and committing it, so it was left by
    /// one that failed (a write that timed out and landed, an instance that died) and would otherwise refuse
    /// every retry (409) until the sweeper's grace period ran out.
    /// </summary>
    public async Task StageNextRevisionsAsync(SigningCase signingCase, IReadOnlyList<(CaseDocument Document, byte[] Pdf)> revisions, CancellationToken ct,
        CaseTurn? turn = null)
    {
        if (turn is not null && (turn.CaseId != signingCase.Id || !turn.IsHeld))
            throw new InvalidOperationException($"The turn given for case {signingCase.Id} is not a held turn of that case.");
        var keys = revisions.Select(r => KeyOf(signingCase, r.Document, r.Document.Revision + 1)).ToList();
        var stored = await Task.WhenAll(revisions.Select(async (r, i) =>
        {
            StoredObjectInfo info;
            using (var activity = OneThingActivity.Start("store-put", signingCase.Id, r.Document.Kind, System.Diagnostics.ActivityKind.Client))
            {
                try
                {
                    info = await PutAsync(keys[i], r.Pdf, turn, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    OneThingMetrics.StoreErrors.Add(1, PutOperation);
                    activity.Fail(e);
                    throw;
                }
            }
            lock (_lock) _uncommitted[keys[i].ObjectKey] = keys[i];
            return info;
        }));
        for (var i = 0; i < revisions.Count; i++)
        {
            Stage(revisions[i].Document, keys[i], stored[i]);
        }
    }

    private async Task<StoredObjectInfo> PutAsync(DocumentKey key, byte[] pdf, CaseTurn? turn, CancellationToken ct)
    {
        try
        {
            return await _store.PutAsync(key, pdf, PdfContentType, ct);
        }
        catch (RevisionAlreadyExistsException) when (turn is not null)
        {
            // The documents are written side by side, but the catalog asks through this unit of work's DbContext,
            // which takes one query at a time.
            await _catalogQueries.WaitAsync(ct);
            try
            {
                if ((await _catalog.CommittedObjectKeysAsync([key.ObjectKey], ct)).Contains(key.ObjectKey)) throw;
            }
            finally
            {
                _catalogQueries.Release();
            }
            _logger.LogWarning("Replacing {Key}: a failed request stored it and never committed it", key);
            await _store.DeleteAsync(key, ct);
        }
        return await _store.PutAsync(key, pdf, PdfContentType, ct);
    }

    /// <summary>
    /// Removes the objects this unit of work wrote that no committed record points to. Called when a
    /// request fails, before its answer goes out, so an immediate retry finds the revision free. Whether
    /// a failed commit really committed nothing is asked of the database, not assumed: an object whose
    /// record is there (or when the database cannot say) is kept.
    /// </summary>
    public async Task DiscardUncommittedAsync(CancellationToken ct)
    {
        List<DocumentKey> written;
        lock (_lock)
        {
            if (_uncommitted.Count == 0) return;
            written = [.. _uncommitted.Values];
            _uncommitted.Clear();
            _staged.Clear();
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(DiscardBudget);
        IReadOnlySet<string> committed;
        try
        {
            // The same question the sweeper asks before it removes an orphan.
            committed = await _catalog.CommittedObjectKeysAsync([.. written.Select(k => k.ObjectKey)], budget.Token);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Kept {Count} revision(s) written by a failed request; the database could not say whether they were committed ({Error}). The sweeper removes them if not.",
                written.Count, e.Message);
            return;
        }
        foreach (var key in written.Where(k => !committed.Contains(k.ObjectKey)))
        {
            try
            {
                await _store.DeleteAsync(key, budget.Token);
                _logger.LogInformation("Removed {Key}: written by a request that failed before committing it", key);
            }
            catch (Exception e)
            {
                _logger.LogWarning("Could not remove {Key}, written by a request that failed before committing it ({Error}); the sweeper will", key, e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _db.SavedChanges -= OnSavedChanges;
        await DiscardUncommittedAsync(CancellationToken.None);
        _catalogQueries.Dispose();
    }

    private void OnSavedChanges(object? sender, SavedChangesEventArgs e)
    {
        // A successful save committed every record staged so far; a write that was never staged stays uncommitted.
        lock (_lock)
        {
            foreach (var objectKey in _staged) _uncommitted.Remove(objectKey);
            _staged.Clear();
        }
    }

    private void Stage(CaseDocument document, DocumentKey key, StoredObjectInfo stored)
    {
        _db.Add(StoredRevisionRecord.For(key, stored));
        lock (_lock) _staged.Add(key.ObjectKey);
        document.Revision = key.Revision;
        document.ObjectKey = key.ObjectKey;
        document.Sha256 = stored.Sha256;
        document.Length = stored.Length;
        document.Version = Guid.NewGuid();
    }

    /// <summary>The current revision's bytes, proven equal to the hash the case database holds.</summary>
    public async Task<byte[]> ReadCurrentAsync(SigningCase signingCase, CaseDocument document, CancellationToken ct)
    {
        using var activity = OneThingActivity.Start("store-get", signingCase.Id, document.Kind, System.Diagnostics.ActivityKind.Client);
        StoredDocument stored;
        try
        {
            stored = await _store.GetAsync(KeyOf(signingCase, document, document.Revision), document.Sha256, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            OneThingMetrics.StoreErrors.Add(1, GetOperation);
            activity.Fail(e);
            throw;
        }
        // The stores hand over a buffer of their own: take it as is rather than copy a few hundred KB per read.
        return MemoryMarshal.TryGetArray(stored.Content, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : stored.Content.ToArray();
    }

    public Task<DownloadLink> CreateLinkAsync(SigningCase signingCase, CaseDocument document, TimeSpan lifetime, CancellationToken ct) =>
        _store.CreateDownloadLinkAsync(KeyOf(signingCase, document, document.Revision),
            new DownloadRequest($"{document.DocumentId}-r{document.Revision}.pdf", PdfContentType, lifetime, document.Sha256), ct);
}
