using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.Appearances.Fonts;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Signing;

/// <summary>
/// Visible signatures carry only the glyphs they draw: the CJK font program is cut down and
/// renumbered, and a CIDToGIDMap keeps every character pointing at its own glyph.
/// </summary>
public sealed class AppearanceFontCompactionTests
{
    private const int Dpi = 144; // 2 px per point: the Borrower field [60 500 260 620] lands on whole pixels
    private readonly TestPki _pki = new();
    private readonly DateTimeOffset _signingTime = DateTimeOffset.UtcNow;

    [Fact]
    public async Task The_signed_appearance_draws_exactly_what_PDFsharp_drew_with_the_full_font()
    {
        var appearance = new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 欧阳娜娜");
        var signed = await SignAsync(appearance);
        var context = new SignatureAppearanceContext(200, 120, "Zhang San", _signingTime);

        var page = Raster.Render(signed, page: 1, dpi: Dpi);
        var original = Raster.Render(appearance.Render(context), page: 1, dpi: Dpi);
        var otherName = Raster.Render(new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 欧阳娜丽").Render(context), page: 1, dpi: Dpi);

        var differences = page.CountDifferences(original, left: 60 * 2, top: (842 - 620) * 2, width: 400, height: 240, tolerance: 48);
        var oneCharacterChanged = page.CountDifferences(otherName, left: 60 * 2, top: (842 - 620) * 2, width: 400, height: 240, tolerance: 48);
        // The comparison sees a single changed character, and the signed page shows none.
        Assert.True(oneCharacterChanged > 100, $"one different character changes only {oneCharacterChanged} pixels");
        Assert.True(differences < oneCharacterChanged / 4, $"{differences} pixels differ from PDFsharp's own rendering (one changed character: {oneCharacterChanged})");
    }

    [Fact]
    public async Task The_embedded_font_program_holds_only_the_glyphs_drawn()
    {
        var signed = await SignAsync(new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 张三"));

        var reader = PdfDocumentReader.Open(signed);
        var fonts = reader.Revisions[1].Entries.Keys.Select(n => reader.GetObject(n, 0)).OfType<PdfDictionary>()
            .Where(d => d.GetName("Subtype")?.Value == "CIDFontType2").ToList();
        var cidFont = Assert.Single(fonts);
        var map = reader.DecodeStream(Assert.IsType<PdfStream>(reader.Resolve(cidFont["CIDToGIDMap"])));
        var descriptor = reader.Resolve<PdfDictionary>(cidFont["FontDescriptor"])!;
        var program = reader.DecodeStream(reader.Resolve<PdfStream>(descriptor["FontFile2"])!);

        // "借款人 张三" plus the signing time's digits and separators: a few dozen glyphs at most,
        // where PDFsharp's subset indexed all ~45,000 glyphs of the font (~360 KB).
        Assert.InRange(program.Length, 1_000, 40_000);
        var glyphIds = Enumerable.Range(0, map.Length / 2).Select(cid => map[cid * 2] << 8 | map[cid * 2 + 1]).Where(g => g != 0).ToList();
        Assert.Equal(glyphIds.Count, glyphIds.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, glyphIds.Count), glyphIds.Order());
        Validators.QpdfCheck(signed);
        Validators.AssertPdfsigAllValid(signed, _pki.RootPem, 1);
    }

    [Fact]
    public void A_font_whose_widths_name_a_glyph_beyond_the_font_is_copied_whole()
    {
        var drawn = new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 张三")
            .Render(new SignatureAppearanceContext(200, 120, "Zhang San", _signingTime));
        // The same appearance with one more width, for glyph 60,000 (WenQuanYi Zen Hei has 44,960), written by PDFsharp.
        using var edited = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(drawn), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Modify);
        var widths = edited.Internals.GetAllObjects().OfType<PdfSharp.Pdf.PdfDictionary>()
            .Single(d => d.Elements.GetName("/Subtype") == "/CIDFontType2").Elements.GetArray("/W")!;
        widths.Elements.Add(new PdfSharp.Pdf.PdfInteger(60_000));
        widths.Elements.Add(new PdfSharp.Pdf.PdfArray(edited, new PdfSharp.Pdf.PdfInteger(1000)));
        using var output = new MemoryStream();
        edited.Save(output);

        var withUnknownGlyph = PdfDocumentReader.Open(output.ToArray());
        var asDrawn = PdfDocumentReader.Open(drawn);

        Assert.Empty(CidFontCompaction.For(withUnknownGlyph, withUnknownGlyph.GetPages()[0].Page["Resources"]));
        Assert.Single(CidFontCompaction.For(asDrawn, asDrawn.GetPages()[0].Page["Resources"]));
    }

    private async Task<byte[]> SignAsync(ISignatureAppearance appearance) =>
        await new PadesSigner(_pki.NewTimestampAuthority(), new FixedTime(_signingTime)).SignAsync(TestDocuments.WithSignatureFields(pages: 1), new SignatureRequest
        {
            FieldName = "Borrower",
            Key = _pki.NewSigner("Zhang San"),
            Appearance = appearance,
        }, CancellationToken.None);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
