using System.Runtime.InteropServices;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Catalog;
using OneThing.Storage.Documents;

namespace OneThing.SigningApi.Documents;

/// <summary>
/// Puts document revisions into the store and stages their catalog rows on the case's unit of work:
/// the object is written first, the database commits second (with the case change), so a failure
/// in between leaves only an orphan object for the sweeper, never a record without bytes.
/// </summary>
public sealed class CaseDocumentFiles(IDocumentStore store, SigningDbContext db)
{
    public const string PdfContentType = "application/pdf";

    public static DocumentKey KeyOf(SigningCase signingCase, CaseDocument document, int revision) =>
        new(signingCase.CentreCode, signingCase.Id.ToString("N"), document.DocumentId, revision);

    /// <summary>Writes <paramref name="pdf"/> as the document's next revision and points the document at it (uncommitted).</summary>
    public Task StageNextRevisionAsync(SigningCase signingCase, CaseDocument document, byte[] pdf, CancellationToken ct) =>
        StageNextRevisionsAsync(signingCase, [(document, pdf)], ct);

    /// <summary>
    /// Writes each document's next revision and points the documents at them (uncommitted). The store
    /// writes run together: each waits on its own fsync, which on this kind of disk is most of a sign
    /// request's time. If one fails nothing is staged; what the others wrote is an orphan for the sweeper.
    /// </summary>
    public async Task StageNextRevisionsAsync(SigningCase signingCase, IReadOnlyList<(CaseDocument Document, byte[] Pdf)> revisions, CancellationToken ct)
    {
        var keys = revisions.Select(r => KeyOf(signingCase, r.Document, r.Document.Revision + 1)).ToList();
        var stored = await Task.WhenAll(revisions.Select((r, i) => store.PutAsync(keys[i], r.Pdf, PdfContentType, ct)));
        for (var i = 0; i < revisions.Count; i++)
        {
            Stage(revisions[i].Document, keys[i], stored[i]);
        }
    }

    private void Stage(CaseDocument document, DocumentKey key, StoredObjectInfo stored)
    {
        db.Add(new StoredRevisionRecord
        {
            CentreId = key.CentreId,
            CaseId = key.CaseId,
            DocumentId = key.DocumentId,
            Revision = key.Revision,
            ObjectKey = key.ObjectKey,
            Sha256 = stored.Sha256,
            Length = stored.Length,
            ContentType = stored.ContentType,
            StoredAtUtc = stored.StoredAt.UtcDateTime,
        });
        document.Revision = key.Revision;
        document.ObjectKey = key.ObjectKey;
        document.Sha256 = stored.Sha256;
        document.Length = stored.Length;
        document.Version = Guid.NewGuid();
    }

    /// <summary>The current revision's bytes, proven equal to the hash the case database holds.</summary>
    public async Task<byte[]> ReadCurrentAsync(SigningCase signingCase, CaseDocument document, CancellationToken ct)
    {
        var stored = await store.GetAsync(KeyOf(signingCase, document, document.Revision), document.Sha256, ct);
        // The stores hand over a buffer of their own: take it as is rather than copy a few hundred KB per read.
        return MemoryMarshal.TryGetArray(stored.Content, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : stored.Content.ToArray();
    }

    public Task<DownloadLink> CreateLinkAsync(SigningCase signingCase, CaseDocument document, TimeSpan lifetime, CancellationToken ct) =>
        store.CreateDownloadLinkAsync(KeyOf(signingCase, document, document.Revision),
            new DownloadRequest($"{document.DocumentId}-r{document.Revision}.pdf", PdfContentType, lifetime), ct);
}
