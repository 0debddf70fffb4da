using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Parsing;

namespace OneThing.Seal.Pdf.Xref;

/// <summary>Reads a classic <c>xref</c> table and its <c>trailer</c> (ISO 32000-1 §7.5.4–5).</summary>
internal static class ClassicXrefReader
{
    public static bool StartsAt(ReadOnlyMemory<byte> data, long offset)
    {
        var lexer = new PdfLexer(data) { Position = (int)offset };
        return lexer.TryReadKeyword("xref"u8);
    }

    public static XrefSection Read(ReadOnlyMemory<byte> data, long offset, PdfReaderLimits limits, int entryBudget)
    {
        var parser = new PdfObjectParser(data, limits) { Position = (int)offset };
        var lexer = parser.Lexer;
        lexer.ExpectKeyword("xref"u8);
        var entries = new Dictionary<int, XrefEntry>();
        while (true)
        {
            if (lexer.TryReadKeyword("trailer"u8))
            {
                break;
            }
            var first = lexer.ReadUnsignedInteger("xref subsection start");
            var count = lexer.ReadUnsignedInteger("xref subsection count");
            // Each entry takes at least 18 bytes; a larger count than the rest of the file can hold is hostile.
            if (count > (lexer.Length - lexer.Position) / 18 + 1 || first + count > int.MaxValue)
            {
                throw new PdfFormatException($"xref subsection at offset {offset} claims {count} entries, more than the file holds");
            }
            if (entries.Count + count > entryBudget)
            {
                throw new PdfFormatException($"more than {limits.MaxXrefEntries} cross-reference entries");
            }
            // Room for the subsection at once (its count was bounded by the file's length above), at least doubling
            // (an update's xref is many one-entry subsections; growing to each exact size would copy every time).
            if (entries.Count + count > entries.Capacity)
            {
                entries.EnsureCapacity(Math.Max(entries.Count + (int)count, 2 * entries.Capacity));
            }
            for (long i = 0; i < count; i++)
            {
                var entryOffset = lexer.ReadUnsignedInteger("xref entry offset");
                var generation = lexer.ReadUnsignedInteger("xref entry generation");
                var at = lexer.Position;
                var kind = lexer.ReadRegularToken();
                var number = (int)(first + i);
                if (kind.SequenceEqual("n"u8))
                {
                    entries[number] = new XrefEntry(XrefEntryKind.InUse, entryOffset, (int)Math.Min(generation, 65535));
                }
                else if (kind.SequenceEqual("f"u8))
                {
                    entries[number] = new XrefEntry(XrefEntryKind.Free, entryOffset, (int)Math.Min(generation, 65535));
                }
                else
                {
                    throw new PdfFormatException($"invalid xref entry type at offset {at}");
                }
            }
        }
        var trailer = parser.ParseObject() as PdfDictionary
            ?? throw new PdfFormatException($"trailer after xref at offset {offset} is not a dictionary");
        return new XrefSection(offset, false, trailer, entries, parser.Position);
    }
}
