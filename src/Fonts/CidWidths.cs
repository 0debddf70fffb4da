namespace OneThing.Fonts;

/// <summary>
/// The CIDs a CIDFont's <c>/W</c> array gives widths for (<c>[c [w1 w2 …]]</c> or <c>[c_first c_last w]</c>):
/// the glyphs PDFsharp recorded while drawing, which a compacted font program must keep. Each PDF object
/// model (Seal's reader, PDFsharp's) hands its array over as <see cref="Element"/>s.
/// </summary>
public static class CidWidths
{
    /// <summary>One element of the array: an integer, an array (only its length matters here), or anything else.</summary>
    public readonly record struct Element(long? Integer, int? ArrayLength);

    /// <summary>The CIDs named, 0–65535; empty when the array is not of that form, so that the font is left whole.</summary>
    public static SortedSet<int> UsedCids(IReadOnlyList<Element> widths)
    {
        var used = new SortedSet<int>();
        for (var i = 0; i < widths.Count;)
        {
            if (widths[i].Integer is not { } first) return [];
            if (i + 1 < widths.Count && widths[i + 1].ArrayLength is { } count)
            {
                for (var k = 0; k < count; k++) Add(used, first + k);
                i += 2;
            }
            else if (i + 2 < widths.Count && widths[i + 1].Integer is { } last)
            {
                for (var c = first; c <= last && c - first < 65536; c++) Add(used, c);
                i += 3;
            }
            else return [];
        }
        return used;
    }

    private static void Add(SortedSet<int> used, long cid)
    {
        if (cid is >= 0 and < 65536) used.Add((int)cid);
    }
}
