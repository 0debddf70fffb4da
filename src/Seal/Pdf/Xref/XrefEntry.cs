namespace OneThing.Seal.Pdf.Xref;

public enum XrefEntryKind : byte
{
    Free = 0,
    /// <summary>Uncompressed object at a byte offset.</summary>
    InUse = 1,
    /// <summary>Object stored in an object stream.</summary>
    Compressed = 2,
}

/// <summary>
/// One cross-reference entry. For <see cref="XrefEntryKind.InUse"/>: <see cref="Offset"/> and
/// <see cref="Generation"/>; for <see cref="XrefEntryKind.Compressed"/>: the object stream number in
/// <see cref="Offset"/> and the index within it in <see cref="Generation"/>.
/// </summary>
public readonly record struct XrefEntry(XrefEntryKind Kind, long Offset, int Generation)
{
    public int ObjectStreamNumber => (int)Offset;
    public int IndexInObjectStream => Generation;

    /// <summary>The generation references to this object name: its own when uncompressed, 0 inside an object stream.</summary>
    public int ObjectGeneration => Kind == XrefEntryKind.InUse ? Generation : 0;
}
