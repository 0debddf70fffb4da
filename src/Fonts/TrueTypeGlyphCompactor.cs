using System.Buffers.Binary;

namespace OneThing.Fonts;

/// <summary>
/// Rewrites a TrueType font program so it holds only the glyphs in use, renumbered 0..n-1.
/// PDFsharp's subsets keep the original glyph ids, so their loca and hmtx tables still cover all
/// ~45,000 glyphs of the CJK font: ~360 KB per signature appearance for a dozen glyphs (most of the CPU
/// of a visible signature went into deflating them), 448 KB in the rendered loan contract. The caller
/// maps CIDs (= old glyph ids) to the new ids with a CIDToGIDMap stream, so content streams, widths and
/// ToUnicode stay as they are: Seal's CidFontCompaction for appearances, ContractTemplates'
/// EmbeddedFontCompaction for rendered contracts.
/// </summary>
public static class TrueTypeGlyphCompactor
{
    private const int MaxComponentDepth = 16;

    /// <summary>The compacted font and, for each old glyph id kept, its new id (glyph 0 stays 0).</summary>
    public sealed record Result(byte[] Font, IReadOnlyDictionary<int, int> NewGlyphIds)
    {
        /// <summary>
        /// The <c>/CIDToGIDMap</c> stream's bytes for fonts whose CIDs are the old glyph ids: two bytes per CID up
        /// to the highest, big-endian, the new glyph id (0 for CIDs not drawn).
        /// </summary>
        /// <exception cref="InvalidDataException">A CID names a glyph the font program does not have.</exception>
        public byte[] CidToGidMap(IReadOnlyCollection<int> cids)
        {
            var map = new byte[(cids.Max() + 1) * 2];
            foreach (var cid in cids)
            {
                if (!NewGlyphIds.TryGetValue(cid, out var gid)) throw new InvalidDataException("/W names a glyph the font does not have");
                map[cid * 2] = (byte)(gid >> 8);
                map[cid * 2 + 1] = (byte)gid;
            }
            return map;
        }
    }

    /// <exception cref="InvalidDataException">The font is not a TrueType font this compactor understands.</exception>
    public static Result Compact(ReadOnlySpan<byte> font, IEnumerable<int> usedGlyphIds)
    {
        var tables = ReadTableDirectory(font);
        foreach (var required in new[] { "head", "hhea", "hmtx", "loca", "glyf", "maxp" })
            if (!tables.ContainsKey(required)) throw new InvalidDataException($"TrueType font has no '{required}' table");

        var head = Slice(font, tables["head"]);
        var hhea = Slice(font, tables["hhea"]);
        var maxp = Slice(font, tables["maxp"]);
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(maxp[4..]);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head[50..]) == 1;
        var numberOfHMetrics = BinaryPrimitives.ReadUInt16BigEndian(hhea[34..]);
        if (numberOfHMetrics == 0 || numberOfHMetrics > numGlyphs) throw new InvalidDataException("TrueType hhea.numberOfHMetrics is out of range");
        var loca = Slice(font, tables["loca"]);
        var glyf = Slice(font, tables["glyf"]);
        var hmtx = Slice(font, tables["hmtx"]);
        if (loca.Length < (numGlyphs + 1) * (longLoca ? 4 : 2)) throw new InvalidDataException("TrueType loca table is too short");
        if (hmtx.Length < numberOfHMetrics * 4 + (numGlyphs - numberOfHMetrics) * 2) throw new InvalidDataException("TrueType hmtx table is too short");

        var kept = new SortedSet<int> { 0 };
        var pending = new Stack<(int Glyph, int Depth)>();
        foreach (var g in usedGlyphIds)
        {
            if (g >= 0 && g < numGlyphs && kept.Add(g)) pending.Push((g, 0));
        }
        pending.Push((0, 0));
        // Composite glyphs draw other glyphs: those must come along.
        while (pending.Count > 0)
        {
            var (g, depth) = pending.Pop();
            if (depth > MaxComponentDepth) throw new InvalidDataException("TrueType composite glyphs nest too deeply");
            foreach (var component in Components(GlyphData(glyf, loca, longLoca, g)))
            {
                if (component >= numGlyphs) throw new InvalidDataException($"TrueType composite glyph {g} refers to glyph {component} beyond the font");
                if (kept.Add(component)) pending.Push((component, depth + 1));
            }
        }

        var order = kept.ToArray();
        var newIds = new Dictionary<int, int>(order.Length);
        for (var i = 0; i < order.Length; i++) newIds[order[i]] = i;

        using var newGlyf = new MemoryStream();
        var newLoca = new byte[(order.Length + 1) * 4];
        var newHmtx = new byte[order.Length * 4];
        for (var i = 0; i < order.Length; i++)
        {
            var old = order[i];
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(i * 4), (uint)newGlyf.Length);
            var data = GlyphData(glyf, loca, longLoca, old).ToArray();
            RenumberComponents(data, newIds);
            newGlyf.Write(data);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
            var metric = Math.Min(old, numberOfHMetrics - 1);
            var advance = BinaryPrimitives.ReadUInt16BigEndian(hmtx[(metric * 4)..]);
            var lsb = old < numberOfHMetrics
                ? BinaryPrimitives.ReadInt16BigEndian(hmtx[(old * 4 + 2)..])
                : BinaryPrimitives.ReadInt16BigEndian(hmtx[(numberOfHMetrics * 4 + (old - numberOfHMetrics) * 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(newHmtx.AsSpan(i * 4), advance);
            BinaryPrimitives.WriteInt16BigEndian(newHmtx.AsSpan(i * 4 + 2), lsb);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(order.Length * 4), (uint)newGlyf.Length);

        var newHead = head.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0); // checkSumAdjustment, set below
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1); // long loca offsets
        var newHhea = hhea.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newHhea.AsSpan(34), (ushort)order.Length);
        var newMaxp = maxp.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(newMaxp.AsSpan(4), (ushort)order.Length);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, entry) in tables)
        {
            output[tag] = tag switch
            {
                "head" => newHead,
                "hhea" => newHhea,
                "maxp" => newMaxp,
                "loca" => newLoca,
                "glyf" => newGlyf.ToArray(),
                "hmtx" => newHmtx,
                // The old character map points at old glyph ids; text is drawn through the CIDToGIDMap,
                // so an empty map (a single end segment) keeps the table present and truthful.
                "cmap" => EmptyCharacterMap(),
                // Glyph names and device metrics are indexed by old glyph ids: drop them.
                "post" or "hdmx" or "LTSH" or "VDMX" or "kern" or "gasp" or "vmtx" or "vhea" => [],
                _ => Slice(font, entry).ToArray(),
            };
        }
        foreach (var empty in output.Where(t => t.Value.Length == 0).Select(t => t.Key).ToList()) output.Remove(empty);
        return new Result(Assemble(output), newIds);
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTableDirectory(ReadOnlySpan<byte> font)
    {
        if (font.Length < 12) throw new InvalidDataException("TrueType font is truncated");
        var version = BinaryPrimitives.ReadUInt32BigEndian(font);
        if (version is not (0x00010000 or 0x74727565)) throw new InvalidDataException("not a TrueType font program (FontFile2)");
        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        if (font.Length < 12 + count * 16) throw new InvalidDataException("TrueType table directory is truncated");
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.Slice(12 + i * 16, 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            if (offset > (uint)font.Length || length > (uint)font.Length - offset) throw new InvalidDataException($"TrueType table '{tag}' lies outside the font");
            tables[tag] = ((int)offset, (int)length);
        }
        return tables;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> font, (int Offset, int Length) entry) => font.Slice(entry.Offset, entry.Length);

    private static ReadOnlySpan<byte> GlyphData(ReadOnlySpan<byte> glyf, ReadOnlySpan<byte> loca, bool longLoca, int glyph)
    {
        long start = longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[(glyph * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[(glyph * 2)..]) * 2L;
        long end = longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca[((glyph + 1) * 4)..]) : BinaryPrimitives.ReadUInt16BigEndian(loca[((glyph + 1) * 2)..]) * 2L;
        if (start > end || end > glyf.Length) throw new InvalidDataException($"TrueType glyph {glyph} lies outside the glyf table");
        return glyf[(int)start..(int)end];
    }

    // Composite glyph flags (OpenType 'glyf' specification).
    private const ushort ArgsAreWords = 0x0001, HaveScale = 0x0008, MoreComponents = 0x0020, HaveXYScale = 0x0040, HaveTwoByTwo = 0x0080;

    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        var components = new List<int>();
        foreach (var offset in ComponentIndexOffsets(glyph)) components.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph[offset..]));
        return components;
    }

    private static void RenumberComponents(byte[] glyph, IReadOnlyDictionary<int, int> newIds)
    {
        foreach (var offset in ComponentIndexOffsets(glyph))
            BinaryPrimitives.WriteUInt16BigEndian(glyph.AsSpan(offset), (ushort)newIds[BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(offset))]);
    }

    /// <summary>Where each component's glyph index sits in a composite glyph (none for a simple glyph).</summary>
    private static List<int> ComponentIndexOffsets(ReadOnlySpan<byte> glyph)
    {
        var offsets = new List<int>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return offsets;
        var position = 10;
        ushort flags;
        do
        {
            if (position + 4 > glyph.Length) throw new InvalidDataException("TrueType composite glyph is truncated");
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[position..]);
            offsets.Add(position + 2);
            position += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            if ((flags & HaveScale) != 0) position += 2;
            else if ((flags & HaveXYScale) != 0) position += 4;
            else if ((flags & HaveTwoByTwo) != 0) position += 8;
        }
        while ((flags & MoreComponents) != 0);
        return offsets;
    }

    private static byte[] EmptyCharacterMap()
    {
        // cmap header + one (3,1) record → format 4 subtable with the single required 0xFFFF segment.
        var cmap = new byte[4 + 8 + 24];
        var s = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 12);
        var t = s[12..];
        BinaryPrimitives.WriteUInt16BigEndian(t, 4);          // format
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 24);    // length
        BinaryPrimitives.WriteUInt16BigEndian(t[6..], 2);     // segCountX2
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], 2);     // searchRange
        BinaryPrimitives.WriteUInt16BigEndian(t[10..], 0);    // entrySelector
        BinaryPrimitives.WriteUInt16BigEndian(t[12..], 0);    // rangeShift
        BinaryPrimitives.WriteUInt16BigEndian(t[14..], 0xFFFF); // endCode
        BinaryPrimitives.WriteUInt16BigEndian(t[18..], 0xFFFF); // startCode (after reservedPad)
        BinaryPrimitives.WriteInt16BigEndian(t[20..], 1);     // idDelta
        return cmap;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + count * 16;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[total];
        var s = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)(count * 16 - searchRange));
        var offset = headerLength;
        var index = 0;
        var headOffset = -1;
        foreach (var (tag, data) in tables)
        {
            var record = s.Slice(12 + index++ * 16, 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(s[offset..]);
            if (tag == "head") headOffset = offset;
            offset += (data.Length + 3) & ~3;
        }
        if (headOffset >= 0) BinaryPrimitives.WriteUInt32BigEndian(s[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(font)));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4) sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        if (i < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            data[i..].CopyTo(last);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(last));
        }
        return sum;
    }
}
