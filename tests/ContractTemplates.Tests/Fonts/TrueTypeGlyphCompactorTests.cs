using System.Buffers.Binary;
using OneThing.ContractTemplates.Tests.Support;
using OneThing.Fonts;

namespace OneThing.ContractTemplates.Tests.Fonts;

/// <summary>
/// <see cref="TrueTypeGlyphCompactor"/> on the real CJK font (face 0 of WenQuanYi Zen Hei, 44,960 glyphs): the
/// glyphs asked for, and the glyphs their composites draw, renumbered in their old order after .notdef.
/// </summary>
public sealed class TrueTypeGlyphCompactorTests
{
    private static readonly Lazy<byte[]> Face = new(() =>
    {
        Assert.True(File.Exists(CjkFontOptions.DebianPath), $"{CjkFontOptions.DebianPath} is missing: install fonts-wqy-zenhei (test.sh does)");
        return TrueTypeCollection.ExtractFace(File.ReadAllBytes(CjkFontOptions.DebianPath), 0);
    });

    [Fact]
    public void Keeps_notdef_and_the_glyphs_asked_for_renumbered_in_their_old_order()
    {
        var font = Face.Value;
        var simple = SimpleGlyphs(font).Where(g => g > 20_000).Take(2).Prepend(SimpleGlyphs(font).First(g => g > 1_000)).ToArray();

        var result = TrueTypeGlyphCompactor.Compact(font, [simple[2], simple[0], simple[1], simple[0]]);

        Assert.Equal(new Dictionary<int, int> { [0] = 0, [simple[0]] = 1, [simple[1]] = 2, [simple[2]] = 3 }, result.NewGlyphIds);
        Assert.Equal(4, TrueTypeTables.GlyphCount(result.Font));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16BigEndian(TrueTypeTables.Table(result.Font, "hhea")[34..])); // numberOfHMetrics
        foreach (var (old, renumbered) in result.NewGlyphIds)
        {
            Assert.Equal(TrueTypeTables.Glyph(font, old).ToArray(), TrueTypeTables.Glyph(result.Font, renumbered).ToArray());
            Assert.Equal(TrueTypeTables.Advance(font, old), TrueTypeTables.Advance(result.Font, renumbered));
        }
    }

    [Fact]
    public void Brings_along_the_components_of_a_composite_glyph_under_their_new_numbers()
    {
        var font = Face.Value;
        var composite = Enumerable.Range(1, TrueTypeTables.GlyphCount(font)).First(g => TrueTypeTables.IsComposite(font, g));
        var components = Components(TrueTypeTables.Glyph(font, composite).ToArray());
        Assert.NotEmpty(components);

        var result = TrueTypeGlyphCompactor.Compact(font, [composite]);

        Assert.Equal(new[] { 0, composite }.Concat(components).Distinct().Order(), result.NewGlyphIds.Keys.Order());
        Assert.Equal(components.Select(c => result.NewGlyphIds[c]), Components(TrueTypeTables.Glyph(result.Font, result.NewGlyphIds[composite]).ToArray()));
        foreach (var component in components)
            Assert.Equal(TrueTypeTables.Glyph(font, component).ToArray(), TrueTypeTables.Glyph(result.Font, result.NewGlyphIds[component]).ToArray());
    }

    [Fact]
    public void Writes_a_well_formed_font_with_correct_checksums()
    {
        var result = TrueTypeGlyphCompactor.Compact(Face.Value, SimpleGlyphs(Face.Value).Take(50));

        Assert.Equal(0xB1B0AFBAu, TrueTypeTables.WholeFontChecksum(result.Font));
        foreach (var (tag, (offset, length)) in TrueTypeTables.Directory(result.Font))
            Assert.True(offset % 4 == 0 && offset + length <= result.Font.Length, $"table {tag} lies outside the font");
        Assert.Equal(1, BinaryPrimitives.ReadInt16BigEndian(TrueTypeTables.Table(result.Font, "head")[50..])); // long loca offsets
        // Tables indexed by the old glyph ids are gone; the character map is empty (text is drawn by glyph id).
        Assert.DoesNotContain("post", TrueTypeTables.Directory(result.Font).Keys);
        Assert.DoesNotContain("vmtx", TrueTypeTables.Directory(result.Font).Keys);
        Assert.Equal(36, TrueTypeTables.Table(result.Font, "cmap").Length);
        Assert.True(result.Font.Length < 200_000, $"{result.Font.Length} bytes for 51 glyphs");
    }

    [Fact]
    public void Glyph_ids_beyond_the_font_are_ignored()
    {
        var result = TrueTypeGlyphCompactor.Compact(Face.Value, [-1, 65_000, TrueTypeTables.GlyphCount(Face.Value)]);

        Assert.Equal([0], result.NewGlyphIds.Keys);
        Assert.Equal(1, TrueTypeTables.GlyphCount(result.Font));
    }

    [Theory]
    [InlineData("OTTO")]             // CFF outlines (FontFile3)
    [InlineData("ttcf")]             // a collection, not a face
    [InlineData("\0\u0001\0\0")]     // TrueType header with no tables
    public void Refuses_what_is_not_a_readable_truetype_program(string header)
    {
        var font = new byte[64];
        System.Text.Encoding.Latin1.GetBytes(header, font);

        Assert.Throws<InvalidDataException>(() => TrueTypeGlyphCompactor.Compact(font, [1]));
    }

    [Fact]
    public void Refuses_a_font_whose_tables_lie_outside_it()
    {
        var truncated = Face.Value.AsSpan(0, 4096).ToArray();

        Assert.Throws<InvalidDataException>(() => TrueTypeGlyphCompactor.Compact(truncated, [1]));
    }

    private static IEnumerable<int> SimpleGlyphs(byte[] font) =>
        Enumerable.Range(1, TrueTypeTables.GlyphCount(font) - 1).Where(g => TrueTypeTables.Glyph(font, g).Length > 10 && !TrueTypeTables.IsComposite(font, g));

    /// <summary>The glyph ids a composite glyph draws (OpenType 'glyf': flags, glyphIndex, arguments, transform).</summary>
    private static List<int> Components(byte[] glyph)
    {
        var components = new List<int>();
        var position = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(position));
            components.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(position + 2)));
            position += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            position += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
        }
        while ((flags & 0x0020) != 0);
        return components;
    }
}
