namespace OneThing.Storage.Documents;

/// <summary>One object found while listing a store (what the sweeper needs: no bytes, no hash).</summary>
public sealed record StoredObjectEntry(DocumentKey Key, long Length, DateTimeOffset LastModified);
