using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Xref;

/// <summary>One cross-reference section as found in the file, with its trailer (or xref stream dictionary).</summary>
internal sealed record XrefSection(
    long Offset,
    bool IsStream,
    PdfDictionary Trailer,
    IReadOnlyDictionary<int, XrefEntry> Entries,
    int EndOfSection);
