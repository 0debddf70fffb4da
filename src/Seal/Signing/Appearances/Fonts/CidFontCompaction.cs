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
public static class CidFontCompaction
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
                if (!used.All(compacted.NewGlyphIds.ContainsKey)) throw new InvalidDataException("/W names a glyph the font does not have");
                var maxCid = used.Max();
                var cidToGid = new byte[(maxCid + 1) * 2];
                foreach (var cid in used)
                {
                    var gid = compacted.NewGlyphIds[cid];
                    cidToGid[cid * 2] = (byte)(gid >> 8);
                    cidToGid[cid * 2 + 1] = (byte)gid;
                }
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

    /// <summary>CIDs with a width in /W (<c>[c [w1 w2 …]]</c> or <c>[c_first c_last w]</c>): the glyphs the appearance draws.</summary>
    private static SortedSet<int> UsedCids(PdfDocumentReader source, PdfObject? widths)
    {
        var used = new SortedSet<int>();
        if (source.Resolve<PdfArray>(widths) is not { } w) return used;
        for (var i = 0; i < w.Count;)
        {
            if (source.Resolve(w[i]) is not PdfInteger first) return [];
            if (i + 1 < w.Count && source.Resolve(w[i + 1]) is PdfArray list)
            {
                for (var k = 0; k < list.Count; k++) used.Add(checked((int)first.Value + k));
                i += 2;
            }
            else if (i + 2 < w.Count && source.Resolve(w[i + 1]) is PdfInteger last)
            {
                for (var c = first.Value; c <= last.Value && c - first.Value < 65536; c++) used.Add((int)c);
                i += 3;
            }
            else return [];
        }
        used.RemoveWhere(c => c is < 0 or >= 65536);
        return used;
    }
}
