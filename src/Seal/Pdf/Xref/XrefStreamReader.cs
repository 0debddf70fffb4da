using OneThing.Seal.Pdf.Filters;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Parsing;

namespace OneThing.Seal.Pdf.Xref;

/// <summary>Reads a cross-reference stream (ISO 32000-1 §7.5.8): /W field widths, /Index ranges, Flate with PNG predictors.</summary>
internal static class XrefStreamReader
{
    public static XrefSection Read(ReadOnlyMemory<byte> data, long offset, PdfReaderLimits limits, int entryBudget)
    {
        var parser = new PdfObjectParser(data, limits) { Position = (int)offset };
        var lexer = parser.Lexer;
        if (!lexer.TryReadUnsignedInteger(out var number) || !lexer.TryReadUnsignedInteger(out var generation) || !lexer.TryReadKeyword("obj"u8))
        {
            throw new PdfFormatException($"startxref/Prev offset {offset} points neither to an xref table nor to an xref stream");
        }
        var obj = parser.ParseIndirectObject(offset, (int)Math.Min(number, int.MaxValue), (int)Math.Min(generation, 65535), _ => null);
        if (obj is not PdfStream stream || !stream.Dictionary.IsType("XRef"))
        {
            throw new PdfFormatException($"object at offset {offset} is not an xref stream");
        }
        var dict = stream.Dictionary;
        if (dict["W"] is not PdfArray { Count: 3 } w || w.Any(x => x is not PdfInteger { Value: >= 0 and <= 8 }))
        {
            throw new PdfFormatException($"xref stream at offset {offset} has an invalid /W");
        }
        var widths = w.Select(x => (int)((PdfInteger)x).Value).ToArray();
        var rowLength = widths.Sum();
        if (rowLength == 0)
        {
            throw new PdfFormatException($"xref stream at offset {offset} has zero-width rows");
        }
        var size = dict["Size"] is PdfInteger { Value: >= 0 and <= int.MaxValue } s ? (int)s.Value
            : throw new PdfFormatException($"xref stream at offset {offset} has no valid /Size");
        var ranges = new List<(long First, long Count)>();
        if (dict["Index"] is PdfArray index)
        {
            if (index.Count % 2 != 0)
            {
                throw new PdfFormatException($"xref stream at offset {offset} has an odd /Index");
            }
            for (var i = 0; i < index.Count; i += 2)
            {
                if (index[i] is not PdfInteger { Value: >= 0 } f || index[i + 1] is not PdfInteger { Value: >= 0 } c)
                {
                    throw new PdfFormatException($"xref stream at offset {offset} has an invalid /Index");
                }
                ranges.Add((f.Value, c.Value));
            }
        }
        else
        {
            ranges.Add((0, size));
        }

        var decoded = StreamDecoder.Decode(stream, limits);
        var entries = new Dictionary<int, XrefEntry>();
        var pos = 0;
        foreach (var (first, count) in ranges)
        {
            if (count > (decoded.Length - pos) / rowLength || first + count > int.MaxValue)
            {
                throw new PdfFormatException($"xref stream at offset {offset} is shorter than its /Index says");
            }
            if (entries.Count + count > entryBudget)
            {
                throw new PdfFormatException($"more than {limits.MaxXrefEntries} cross-reference entries");
            }
            for (long i = 0; i < count; i++)
            {
                var type = widths[0] == 0 ? 1 : ReadField(decoded, ref pos, widths[0]);
                var f2 = ReadField(decoded, ref pos, widths[1]);
                var f3 = ReadField(decoded, ref pos, widths[2]);
                var objectNumber = (int)(first + i);
                var entry = type switch
                {
                    0 => new XrefEntry(XrefEntryKind.Free, f2, (int)Math.Min(f3, 65535)),
                    1 => new XrefEntry(XrefEntryKind.InUse, f2, (int)Math.Min(f3, 65535)),
                    2 => new XrefEntry(XrefEntryKind.Compressed, Math.Min(f2, int.MaxValue), (int)Math.Min(f3, int.MaxValue)),
                    // Unknown types are to be treated as null references (§7.5.8.3).
                    _ => new XrefEntry(XrefEntryKind.Free, 0, 0),
                };
                entries.TryAdd(objectNumber, entry);
            }
        }
        return new XrefSection(offset, true, dict, entries, parser.Position);
    }

    private static long ReadField(byte[] data, ref int pos, int width)
    {
        long v = 0;
        for (var i = 0; i < width; i++)
        {
            v = (v << 8) | data[pos++];
        }
        return v;
    }
}
