using System.Buffers.Binary;
using System.Text;

namespace OneThing.ContractTemplates.Tests.Support;

/// <summary>Reads back what the tests check in a TrueType program: tables, glyph count, glyph data, advance widths.</summary>
public static class TrueTypeTables
{
    public static IReadOnlyDictionary<string, (int Offset, int Length)> Directory(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + i * 16, 16);
            tables[Encoding.ASCII.GetString(record[..4])] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }
        return tables;
    }

    public static ReadOnlySpan<byte> Table(byte[] font, string tag)
    {
        var (offset, length) = Directory(font)[tag];
        return font.AsSpan(offset, length);
    }

    public static int GlyphCount(byte[] font) => BinaryPrimitives.ReadUInt16BigEndian(Table(font, "maxp")[4..]);

    /// <summary>A glyph's data without trailing zero bytes (padding differs between programs holding the same glyph).</summary>
    public static ReadOnlySpan<byte> Glyph(byte[] font, int glyph)
    {
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(Table(font, "head")[50..]) == 1;
        var loca = Table(font, "loca");
        long start = longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[(glyph * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(glyph * 2)..]) * 2L;
        long end = longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[((glyph + 1) * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[((glyph + 1) * 2)..]) * 2L;
        var data = Table(font, "glyf")[(int)start..(int)end];
        return data.TrimEnd((byte)0);
    }

    public static bool IsComposite(byte[] font, int glyph)
    {
        var data = Glyph(font, glyph);
        return data.Length >= 10 && BinaryPrimitives.ReadInt16BigEndian(data) < 0;
    }

    public static int Advance(byte[] font, int glyph)
    {
        var metrics = BinaryPrimitives.ReadUInt16BigEndian(Table(font, "hhea")[34..]);
        return BinaryPrimitives.ReadUInt16BigEndian(Table(font, "hmtx")[(Math.Min(glyph, metrics - 1) * 4)..]);
    }

    /// <summary>The sum of a whole font's 32-bit words, which a correct head.checkSumAdjustment makes 0xB1B0AFBA.</summary>
    public static uint WholeFontChecksum(byte[] font)
    {
        uint sum = 0;
        var padded = new byte[(font.Length + 3) & ~3];
        font.CopyTo(padded, 0);
        for (var i = 0; i < padded.Length; i += 4) sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(i)));
        return sum;
    }
}
