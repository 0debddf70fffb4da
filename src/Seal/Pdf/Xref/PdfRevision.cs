using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Xref;

/// <summary>
/// One revision of the document: the original file or one incremental update. The file up to
/// <see cref="EndOffset"/> is exactly the document as it was at this revision, so a verifier can
/// compare revisions and check that a signature's /ByteRange ends at a revision boundary.
/// </summary>
public sealed record PdfRevision(
    int Index,
    long XrefOffset,
    bool UsesXrefStream,
    PdfDictionary Trailer,
    IReadOnlyDictionary<int, XrefEntry> Entries,
    long EndOffset);
