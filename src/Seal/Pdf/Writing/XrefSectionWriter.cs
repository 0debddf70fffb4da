using System.Globalization;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Writing;

/// <summary>Writes the cross-reference section of an update: a classic table or an xref stream, in contiguous subsections.</summary>
internal static class XrefSectionWriter
{
    public static void WriteClassicTable(PdfObjectSerializer serializer, SortedDictionary<int, (long Offset, int Generation)> offsets)
    {
        serializer.WriteRaw("xref\n"u8);
        foreach (var run in Runs(offsets.Keys))
        {
            serializer.WriteAscii($"{run.First} {run.Count}\n");
            for (var n = run.First; n < run.First + run.Count; n++)
            {
                var (offset, generation) = offsets[n];
                // Exactly 20 bytes per entry (§7.5.4).
                serializer.WriteAscii(offset.ToString("D10", CultureInfo.InvariantCulture) + " " + generation.ToString("D5", CultureInfo.InvariantCulture) + " n\r\n");
            }
        }
    }

    public static PdfStream BuildXrefStream(PdfDictionary trailer, SortedDictionary<int, (long Offset, int Generation)> offsets)
    {
        var maxOffset = offsets.Values.Max(v => v.Offset);
        var offsetWidth = maxOffset <= uint.MaxValue ? 4 : 8;
        const int genWidth = 2;
        var rowLength = 1 + offsetWidth + genWidth;
        var data = new byte[offsets.Count * rowLength];
        var index = new PdfArray();
        var pos = 0;
        foreach (var run in Runs(offsets.Keys))
        {
            index.Add(new PdfInteger(run.First));
            index.Add(new PdfInteger(run.Count));
            for (var n = run.First; n < run.First + run.Count; n++)
            {
                var (offset, generation) = offsets[n];
                data[pos++] = 1;
                for (var b = offsetWidth - 1; b >= 0; b--)
                {
                    data[pos++] = (byte)(offset >> (8 * b));
                }
                data[pos++] = (byte)(generation >> 8);
                data[pos++] = (byte)generation;
            }
        }
        var dict = new PdfDictionary
        {
            ["Type"] = new PdfName("XRef"),
        };
        foreach (var (k, v) in trailer)
        {
            dict[k] = v;
        }
        dict["W"] = PdfArray.Of(new PdfInteger(1), new PdfInteger(offsetWidth), new PdfInteger(genWidth));
        dict["Index"] = index;
        return new PdfStream(dict, data);
    }

    private static IEnumerable<(int First, int Count)> Runs(IEnumerable<int> sortedNumbers)
    {
        int? first = null;
        var count = 0;
        foreach (var n in sortedNumbers)
        {
            if (first is { } f && n == f + count)
            {
                count++;
                continue;
            }
            if (first is { } done)
            {
                yield return (done, count);
            }
            first = n;
            count = 1;
        }
        if (first is { } last)
        {
            yield return (last, count);
        }
    }
}
