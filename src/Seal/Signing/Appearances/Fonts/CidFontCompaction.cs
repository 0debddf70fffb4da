using OneThing.Fonts;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Signing.Appearances.Fonts;

/// <summary>
/// Finds the Type0/CIDFontType2 fonts of an appearance's resources whose CIDs are glyph ids
/// (CIDToGIDMap /Identity, as PDFsharp writes them) and plans their compaction: the font program
/// keeps only the glyphs named in the font's /W widths, renumbered, and a CIDToGIDMap stream maps the
/// unchanged CIDs to the new glyph ids. A font this cannot read is left as it is.
/// </summary>
internal static class CidFontCompaction
{
    /// <summary>A replacement CIDFont dictionary and font program, by the source object they replace.</summary>
    public sealed record Plan(PdfReference CidFont, PdfDictionary CidFontReplacement, byte[] CidToGidMap, PdfReference FontFile, byte[] CompactedFont);

    public static IReadOnlyList<Plan> For(PdfDocumentReader source, PdfObject? resources)
    {
        var plans = new List<Plan>();
        var fonts = source.Resolve<PdfDictionary>(source.Resolve<PdfDictionary>(resources)?["Font"]);
        if (fonts is null) return plans;
        foreach (var (_, value) in fonts)
        {
            var font = source.Resolve<PdfDictionary>(value);
            if (font?.GetName("Subtype")?.Value != "Type0") continue;
            if (source.Resolve<PdfArray>(font["DescendantFonts"]) is not { Count: 1 } descendants || descendants[0] is not PdfReference cidFontRef) continue;
            if (source.Resolve<PdfDictionary>(cidFontRef) is not { } cidFont || cidFont.GetName("Subtype")?.Value != "CIDFontType2") continue;
            if (cidFont["CIDToGIDMap"] is { } map && (map as PdfName)?.Value != "Identity") continue;
            var descriptor = source.Resolve<PdfDictionary>(cidFont["FontDescriptor"]);
            if (descriptor?["FontFile2"] is not PdfReference fontFileRef || source.Resolve<PdfStream>(fontFileRef) is not { } fontFile) continue;
            var used = UsedCids(source, cidFont["W"]);
            if (used.Count == 0) continue;
            try
            {
                var compacted = TrueTypeGlyphCompactor.Compact(source.DecodeStream(fontFile), used);
                var cidToGid = compacted.CidToGidMap(used);
                var replacement = new PdfDictionary();
                foreach (var (k, v) in cidFont) replacement[k] = v;
                plans.Add(new Plan(cidFontRef, replacement, cidToGid, fontFileRef, compacted.Font));
            }
            catch (InvalidDataException)
            {
                // Not a font program this compactor understands: it is copied unchanged.
            }
        }
        return plans;
    }

    /// <summary>The glyphs the appearance draws: the CIDs with a width in /W.</summary>
    private static SortedSet<int> UsedCids(PdfDocumentReader source, PdfObject? widths) =>
        source.Resolve<PdfArray>(widths) is { } w
            ? CidWidths.UsedCids([.. w.Select(e => source.Resolve(e) switch
            {
                PdfInteger i => new CidWidths.Element(i.Value, null),
                PdfArray a => new CidWidths.Element(null, a.Count),
                _ => default,
            })])
            : [];
}
