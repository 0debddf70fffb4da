using OneThing.Fonts;

namespace OneThing.ContractTemplates.Rendering;

/// <summary>Settings for <see cref="ContractDocumentRenderer"/>.</summary>
public sealed record ContractRenderingOptions
{
    /// <summary>Where the CJK font comes from (see <see cref="CjkFontOptions"/>).</summary>
    public CjkFontOptions Font { get; init; } = new();

    /// <summary>
    /// Embed font programs holding only the glyphs drawn (<see cref="Pdf.EmbeddedFontCompaction"/>); on by default.
    /// Off gives PDFsharp's own subsets (all ~45,000 glyph slots; the loan contract 1.8× the size), drawn and
    /// extracted identically: the reference the compaction is checked against.
    /// </summary>
    public bool CompactEmbeddedFonts { get; init; } = true;
}
