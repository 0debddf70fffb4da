namespace OneThing.Storage.Documents;

/// <summary>What a store knows about one stored revision (from its own metadata, not the catalog).</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes, as recorded when the revision was written.</param>
public sealed record StoredObjectInfo(DocumentKey Key, string Sha256, long Length, string ContentType, DateTimeOffset StoredAt);
