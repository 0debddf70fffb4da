using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Signing;

/// <summary>Visible appearances: handwriting image with transparency plus name/time, and the vector centre seal.</summary>
public sealed class AppearanceTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Handwriting_and_seal_appearances_render_and_keep_signatures_valid()
    {
        var signer = new PadesSigner(_pki.NewTimestampAuthority());
        var pdf = TestDocuments.WithSignatureFields(pages: 1);
        pdf = await signer.SignAsync(pdf, new SignatureRequest
        {
            FieldName = "Borrower",
            Key = _pki.NewSigner("Zhang San"),
            Appearance = new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 张三"),
        }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest
        {
            FieldName = "CentreSeal",
            Key = _pki.NewSigner("Centre"),
            LockAllFields = true,
            Appearance = new CentreSealAppearance("德阳市住房公积金管理中心", "5106000000001"),
        }, CancellationToken.None);

        Validators.AssertPdfsigAllValid(pdf, _pki.RootPem, 2);
        Validators.QpdfCheck(pdf);

        // The handwriting is an image XObject with a soft mask (its transparency), and the CJK text an embedded font subset.
        var reader = PdfDocumentReader.Open(pdf);
        var streams = reader.Revisions[1].Entries.Keys.Select(n => reader.GetObject(n, 0)).OfType<PdfStream>().ToList();
        Assert.Contains(streams, s => s.Dictionary.GetName("Subtype")?.Value == "Image" && s.Dictionary["SMask"] is PdfReference);
        Assert.Contains(streams, s => s.Dictionary.ContainsKey("Length1") || s.Dictionary.GetName("Subtype")?.Value == "CIDFontType0C");

        var png = Environment.GetEnvironmentVariable("SEAL_TEST_DUMP") is { } dump ? Path.Combine(dump, "appearance") : null;
        var raster = Raster.Render(pdf, page: 1, dpi: 150, keepPngAt: png);
        // Field rectangles of TestDocuments: Borrower [60 500 260 620], CentreSeal [320 350 520 470].
        var darkInk = raster.Count(60, 500, 260, 620, (r, g, b) => r < 100 && g < 100 && b < 140);
        var sealRed = raster.Count(320, 350, 520, 470, (r, g, b) => r > 180 && g < 90 && b < 90);
        var redOutsideSeal = raster.Count(60, 500, 260, 620, (r, g, b) => r > 180 && g < 90 && b < 90);
        Assert.True(darkInk > 800, $"handwriting/name pixels: {darkInk}");
        Assert.True(sealRed > 3000, $"seal red pixels: {sealRed}");
        Assert.Equal(0, redOutsideSeal);
    }

    [Fact]
    public async Task One_appearance_puts_the_same_image_bytes_into_every_document_it_signs()
    {
        var signer = new PadesSigner(_pki.NewTimestampAuthority());
        var key = _pki.NewSigner("Zhang San");
        var appearance = new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 张三");
        var first = await signer.SignAsync(TestDocuments.WithSignatureFields(pages: 1), new SignatureRequest { FieldName = "Borrower", Key = key, Appearance = appearance }, CancellationToken.None);
        var second = await signer.SignAsync(TestDocuments.WithSignatureFields(pages: 3), new SignatureRequest { FieldName = "Borrower", Key = key, Appearance = appearance }, CancellationToken.None);

        var (colour, mask) = Image(first);
        var (colourAgain, maskAgain) = Image(second);
        // The pad's 600×220 RGBA PNG: colour and transparency, decoded once for both documents.
        Assert.Equal(600, Assert.IsType<PdfInteger>(colour.Dictionary["Width"]).Value);
        Assert.Equal(220, Assert.IsType<PdfInteger>(colour.Dictionary["Height"]).Value);
        Assert.Equal("DeviceGray", mask.Dictionary.GetName("ColorSpace")?.Value);
        Assert.True(colour.EncodedData.Span.SequenceEqual(colourAgain.EncodedData.Span));
        Assert.True(mask.EncodedData.Span.SequenceEqual(maskAgain.EncodedData.Span));
        Validators.AssertPdfsigAllValid(second, _pki.RootPem, 1);
    }

    [Fact]
    public async Task A_handwriting_image_that_cannot_be_decoded_is_refused_and_nothing_is_signed()
    {
        var png = RepositoryFiles.Read("samples/handwriting/borrower.png");
        var truncated = png[..(png.Length / 2)];
        var document = TestDocuments.WithSignatureFields(pages: 1);

        var refused = await Assert.ThrowsAsync<SigningException>(() => new PadesSigner(_pki.NewTimestampAuthority()).SignAsync(document, new SignatureRequest
        {
            FieldName = "Borrower",
            Key = _pki.NewSigner("Zhang San"),
            Appearance = new HandwrittenSignatureAppearance(truncated, "借款人 张三"),
        }, CancellationToken.None));
        Assert.Contains("not a readable PNG", refused.Message, StringComparison.Ordinal);
    }

    private static (PdfStream Colour, PdfStream Mask) Image(byte[] pdf)
    {
        var reader = PdfDocumentReader.Open(pdf);
        var streams = reader.Revisions[^1].Entries.Keys.Select(n => reader.GetObject(n, 0)).OfType<PdfStream>();
        var colour = Assert.Single(streams, s => s.Dictionary.GetName("Subtype")?.Value == "Image" && s.Dictionary["SMask"] is PdfReference);
        return (colour, reader.Resolve<PdfStream>(colour.Dictionary["SMask"])!);
    }

    public void Dispose() => _dir.Dispose();
}
