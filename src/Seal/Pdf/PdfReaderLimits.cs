namespace OneThing.Seal.Pdf;

/// <summary>
/// Bounds that keep reading hostile input within predictable time and memory. The defaults are far
/// above what any real contract needs; a verifier may tighten them.
/// </summary>
public sealed record PdfReaderLimits
{
    /// <summary>Maximum nesting of arrays and dictionaries inside one object.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Maximum number of xref sections followed through /Prev (and /XRefStm).</summary>
    public int MaxRevisions { get; init; } = 2_000;

    /// <summary>Maximum number of cross-reference entries over all revisions.</summary>
    public int MaxXrefEntries { get; init; } = 2_000_000;

    /// <summary>Maximum size of one decoded stream (zip bombs stop here).</summary>
    public int MaxDecodedStreamLength { get; init; } = 256 * 1024 * 1024;

    /// <summary>Maximum number of objects in one object stream.</summary>
    public int MaxObjectsPerObjectStream { get; init; } = 100_000;

    /// <summary>Maximum elements of one array or entries of one dictionary.</summary>
    public int MaxCollectionLength { get; init; } = 1_000_000;

    public static PdfReaderLimits Default { get; } = new();
}
