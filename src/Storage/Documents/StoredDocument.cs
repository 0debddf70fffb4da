namespace OneThing.Storage.Documents;

/// <summary>
/// A revision read back from a store whose bytes have been hashed and found equal to the recorded
/// SHA-256. Documents are whole PDFs of a few hundred KB, and integrity must be proven before a
/// single byte is served, so a read buffers the object rather than streaming it.
/// </summary>
public sealed record StoredDocument(StoredObjectInfo Info, ReadOnlyMemory<byte> Content)
{
    public Stream OpenRead() => new MemoryStream(Content.ToArray(), writable: false);
}
