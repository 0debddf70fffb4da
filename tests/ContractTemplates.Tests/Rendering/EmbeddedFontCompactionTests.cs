using System.Buffers.Binary;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Rendering.Pdf;
using OneThing.ContractTemplates.Tests.Support;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace OneThing.ContractTemplates.Tests.Rendering;

/// <summary>
/// Rendered contracts embed a font program holding only the glyphs they draw, and look and read exactly like the
/// same document with PDFsharp's own subset (checked with poppler: pdftoppm pixels, pdftotext text).
/// </summary>
public sealed class EmbeddedFontCompactionTests : IDisposable
{
    private static readonly Lazy<ContractDocumentRenderer> Uncompacted = new(() => new ContractDocumentRenderer(options: new() { CompactEmbeddedFonts = false }));
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(Samples.Couple, DocumentKinds.LoanContract)]
    [InlineData(Samples.Couple, DocumentKinds.MortgageContract)]
    [InlineData(Samples.Single, DocumentKinds.DeductionAuthorization)]
    public void Every_page_renders_pixel_for_pixel_as_with_pdfsharps_subset(string sample, string kind)
    {
        var (compacted, original) = RenderBoth(sample, kind);

        var compactedPages = Rasterise(compacted, "compacted");
        var originalPages = Rasterise(original, "original");

        Assert.Equal(original.PageCount, originalPages.Length);
        Assert.Equal(originalPages.Length, compactedPages.Length);
        for (var page = 0; page < originalPages.Length; page++)
        {
            var (expected, actual) = (File.ReadAllBytes(originalPages[page]), File.ReadAllBytes(compactedPages[page]));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"page {page + 1}: {DifferingBytes(expected, actual)} bytes of the 100 dpi raster differ");
        }
    }

    [Theory]
    [InlineData(Samples.Couple, DocumentKinds.LoanContract)]
    [InlineData(Samples.Single, DocumentKinds.MortgageContract)]
    [InlineData(Samples.Couple, DocumentKinds.DeductionAuthorization)]
    public void Extracted_text_is_unchanged(string sample, string kind)
    {
        var (compacted, original) = RenderBoth(sample, kind);

        foreach (var options in new[] { Array.Empty<string>(), ["-layout"] })
            Assert.Equal(Text(original, options), Text(compacted, options));
    }

    [Fact]
    public void The_font_program_holds_the_glyphs_drawn_and_a_cid_to_gid_map_points_each_character_at_its_own()
    {
        var (compacted, original) = RenderBoth(Samples.Couple, DocumentKinds.LoanContract);

        var before = EmbeddedFont.Read(original.Pdf);
        var after = EmbeddedFont.Read(compacted.Pdf);

        // The same characters with the same widths, so content streams and text extraction need no change.
        Assert.Equal(before.Widths, after.Widths);
        Assert.Null(before.CidToGidMap);
        Assert.NotNull(after.CidToGidMap);
        var glyphs = after.Widths.Select(cid => BinaryPrimitives.ReadUInt16BigEndian(after.CidToGidMap.AsSpan(cid * 2))).ToList();
        Assert.Equal(Enumerable.Range(1, glyphs.Count).Select(g => (ushort)g), glyphs.Order());
        Assert.Equal(glyphs.Count + 1, after.GlyphCount); // no composite glyphs among them: only .notdef comes along
        Assert.True(before.GlyphCount > 40_000, $"PDFsharp's subset indexes the whole font ({before.GlyphCount} glyphs)");
        Assert.True(after.Program.Length * 4 < before.Program.Length, $"{after.Program.Length} bytes against {before.Program.Length}");
        Assert.True(compacted.Pdf.Length * 10 < original.Pdf.Length * 7, $"{compacted.Pdf.Length} bytes against {original.Pdf.Length}");
    }

    [Fact]
    public void Each_glyph_is_the_same_outline_under_its_new_number()
    {
        var (compacted, original) = RenderBoth(Samples.Single, DocumentKinds.DeductionAuthorization);

        var before = EmbeddedFont.Read(original.Pdf);
        var after = EmbeddedFont.Read(compacted.Pdf);

        foreach (var cid in after.Widths)
        {
            var glyph = BinaryPrimitives.ReadUInt16BigEndian(after.CidToGidMap.AsSpan(cid * 2));
            Assert.Equal(TrueTypeTables.Glyph(before.Program, cid).ToArray(), TrueTypeTables.Glyph(after.Program, glyph).ToArray());
            Assert.Equal(TrueTypeTables.Advance(before.Program, cid), TrueTypeTables.Advance(after.Program, glyph));
        }
    }

    [Fact]
    public void A_font_program_the_compactor_cannot_read_is_left_as_it_is()
    {
        var original = Uncompacted.Value.Render(Samples.Load(Samples.Single), DocumentKinds.MortgageContract);
        using var document = PdfReader.Open(new MemoryStream(original.Pdf), PdfDocumentOpenMode.Modify);
        var notAFont = "not a TrueType program"u8.ToArray();
        var program = CidFont(document).Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile2")!;
        program.Elements.Remove("/Filter");
        program.Stream!.Value = notAFont;

        EmbeddedFontCompaction.Apply(document);

        Assert.Equal(notAFont, program.Stream.UnfilteredValue);
        Assert.Equal("/Identity", CidFont(document).Elements.GetName("/CIDToGIDMap"));
    }

    [Fact]
    public void A_font_whose_widths_name_a_glyph_it_does_not_have_is_left_whole()
    {
        var original = Uncompacted.Value.Render(Samples.Load(Samples.Single), DocumentKinds.MortgageContract);
        using var document = PdfReader.Open(new MemoryStream(original.Pdf), PdfDocumentOpenMode.Modify);
        var program = CidFont(document).Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile2")!.Stream!.Value;
        var widths = CidFont(document).Elements.GetArray("/W")!;
        widths.Elements.Add(new PdfInteger(60_000)); // WenQuanYi Zen Hei has 44,960 glyphs
        widths.Elements.Add(new PdfArray(document, new PdfInteger(1000)));

        EmbeddedFontCompaction.Apply(document);

        Assert.Equal(program, CidFont(document).Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile2")!.Stream!.Value);
        Assert.Equal("/Identity", CidFont(document).Elements.GetName("/CIDToGIDMap"));
    }

    [Fact]
    public void A_compacted_document_is_not_compacted_twice()
    {
        var compacted = SharedRenderer.Renderer.Render(Samples.Load(Samples.Single), DocumentKinds.DeductionAuthorization);
        using var document = PdfReader.Open(new MemoryStream(compacted.Pdf), PdfDocumentOpenMode.Modify);
        var map = CidFont(document).Elements.GetDictionary("/CIDToGIDMap");
        var program = CidFont(document).Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile2")!.Stream!.Value;

        EmbeddedFontCompaction.Apply(document);

        Assert.Same(map, CidFont(document).Elements.GetDictionary("/CIDToGIDMap"));
        Assert.Equal(program, CidFont(document).Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile2")!.Stream!.Value);
    }

    private static (RenderedDocument Compacted, RenderedDocument Original) RenderBoth(string sample, string kind)
    {
        var contractCase = Samples.Load(sample);
        return (SharedRenderer.Renderer.Render(contractCase, kind), Uncompacted.Value.Render(contractCase, kind));
    }

    private static PdfDictionary CidFont(PdfDocument document) =>
        Assert.Single(document.Internals.GetAllObjects().OfType<PdfDictionary>(), d => d.Elements.GetName("/Subtype") == "/CIDFontType2");

    private string[] Rasterise(RenderedDocument document, string name)
    {
        var pdf = _temp.Write($"{name}.pdf", document.Pdf);
        var prefix = Path.Combine(_temp.Path, name);
        var result = ExternalTool.Run("pdftoppm", "-r", "100", pdf, prefix);
        Assert.True(result.ExitCode == 0, $"pdftoppm exit {result.ExitCode}: {result.Error}");
        return Directory.GetFiles(_temp.Path, $"{name}-*.ppm").Order(StringComparer.Ordinal).ToArray();
    }

    private string Text(RenderedDocument document, string[] options)
    {
        var path = _temp.Write($"{Guid.NewGuid():N}.pdf", document.Pdf);
        var result = ExternalTool.Run("pdftotext", [.. options, "-enc", "UTF-8", path, "-"]);
        Assert.Equal(0, result.ExitCode);
        return result.Output;
    }

    private static int DifferingBytes(byte[] a, byte[] b) =>
        a.Length != b.Length ? Math.Max(a.Length, b.Length) : a.Where((value, i) => value != b[i]).Count();

    /// <summary>The document's one CIDFontType2, read back with PDFsharp: its /W CIDs, CIDToGIDMap and font program.</summary>
    private sealed record EmbeddedFont(IReadOnlyList<int> Widths, byte[]? CidToGidMap, byte[] Program)
    {
        public int GlyphCount => TrueTypeTables.GlyphCount(Program);

        public static EmbeddedFont Read(byte[] pdf)
        {
            using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
            var cidFont = CidFont(document);
            var widths = new List<int>();
            var w = cidFont.Elements.GetArray("/W")!;
            for (var i = 0; i < w.Elements.Count; i += 2)
            {
                // PDFsharp writes one "cid [width]" pair per glyph.
                widths.Add(((PdfInteger)w.Elements[i]).Value);
                Assert.Single(((PdfArray)w.Elements[i + 1]).Elements);
            }
            var map = cidFont.Elements.GetDictionary("/CIDToGIDMap")?.Stream!.UnfilteredValue;
            var program = cidFont.Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile2")!.Stream!.UnfilteredValue;
            return new EmbeddedFont(widths, map, program);
        }
    }
}
