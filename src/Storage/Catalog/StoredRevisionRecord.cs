using OneThing.Storage.Documents;

namespace OneThing.Storage.Catalog;

/// <summary>
/// The database's record of one committed revision. A revision exists for the product only once this
/// row is committed; an object without a row is an orphan the sweeper removes.
/// </summary>
public sealed class StoredRevisionRecord
{
    public long Id { get; set; }
    public required string CentreId { get; set; }
    public required string CaseId { get; set; }
    public required string DocumentId { get; set; }
    public int Revision { get; set; }
    public required string ObjectKey { get; set; }

    /// <summary>Lower-case hex SHA-256, compared with the bytes on every read.</summary>
    public required string Sha256 { get; set; }

    public long Length { get; set; }
    public required string ContentType { get; set; }
    public DateTime StoredAtUtc { get; set; }

    public DocumentKey Key => new(CentreId, CaseId, DocumentId, Revision);

    /// <summary>The row that commits an object the store has just written under <paramref name="key"/>.</summary>
    public static StoredRevisionRecord For(DocumentKey key, StoredObjectInfo stored) => new()
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
    };
}
