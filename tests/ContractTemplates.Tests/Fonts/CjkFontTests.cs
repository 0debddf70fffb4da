using System.Buffers.Binary;
using OneThing.Fonts;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Fonts;

public sealed class CjkFontTests
{
    [Fact]
    public void Face_zero_of_the_wenquanyi_collection_becomes_a_standalone_truetype_font()
    {
        Assert.True(File.Exists(CjkFontOptions.DebianPath), $"{CjkFontOptions.DebianPath} is missing: install fonts-wqy-zenhei (test.sh does)");
        var collection = File.ReadAllBytes(CjkFontOptions.DebianPath);

        var face = TrueTypeCollection.ExtractFace(collection, 0);

        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(face));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4));
        var tags = Enumerable.Range(0, tables)
            .Select(i => System.Text.Encoding.ASCII.GetString(face, 12 + 16 * i, 4))
            .ToArray();
        Assert.Contains("glyf", tags);
        Assert.Contains("cmap", tags);
        for (var i = 0; i < tables; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(12 + 16 * i + 8));
            var length = BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(12 + 16 * i + 12));
            Assert.True(offset % 4 == 0 && offset + length <= face.Length, $"table {tags[i]} lies outside the font");
        }
    }

    [Fact]
    public void A_missing_font_file_fails_with_a_clear_message()
    {
        var resolver = new CjkFontResolver(new CjkFontOptions { FontPath = "/nonexistent/wqy.ttc" });

        var error = Assert.Throws<CjkFontMissingException>(resolver.EnsureLoaded);

        Assert.Contains("fonts-wqy-zenhei", error.Message);
        Assert.Contains(CjkFontOptions.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void Registration_is_idempotent()
    {
        _ = SharedRenderer.Renderer;

        Assert.Same(PdfFonts.EnsureRegistered(), PdfFonts.EnsureRegistered(new CjkFontOptions { FontPath = "/ignored" }));
    }

    [Fact]
    public void Concurrent_registration_installs_one_resolver()
    {
        var resolvers = new CjkFontResolver[8];

        Parallel.For(0, resolvers.Length, i => resolvers[i] = PdfFonts.EnsureRegistered());

        Assert.All(resolvers, r => Assert.Same(resolvers[0], r));
    }

    [Fact]
    public void Not_a_collection_is_refused() =>
        Assert.Throws<InvalidDataException>(() => TrueTypeCollection.ExtractFace(new byte[64], 0));
}
