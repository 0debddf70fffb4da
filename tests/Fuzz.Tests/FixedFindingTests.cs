using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Filters;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Timestamps;
using OneThing.Seal.Verification.Trust;
using Microsoft.Extensions.Options;

namespace OneThing.Fuzz.Tests;

/// <summary>What each fixed finding does now, stated for the product API it reached (inputs in Findings/).</summary>
public sealed class FixedFindingTests
{
    private static byte[] Finding(string harness, string name) => File.ReadAllBytes(Path.Combine(StoredInputs.Findings, harness, name));

    [Theory]
    [InlineData("signed-attributes-ber-bouncycastle-refuses.der")]
    [InlineData("signed-attributes-truncated.der")]
    public void Cms_reader_refuses_signed_attributes_BouncyCastle_cannot_re_encode_with_its_documented_FormatException(string name)
    {
        var e = Assert.Throws<FormatException>(() => CmsSignedDataReader.Read(Finding("cms", name)));
        Assert.StartsWith("the signature contents are not a CMS SignedData", e.Message);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
    }

    [Theory]
    [InlineData("token-certificate-broken-extended-key-usage.der")]
    [InlineData("token-certificate-broken-subject-key-identifier.der")]
    [InlineData("token-certificate-signature-not-octet-aligned.der")]
    public async Task Timestamp_token_carrying_a_certificate_with_an_undecodable_extension_or_signature_is_reported_malformed(string name)
    {
        var options = Options.Create(new VerificationOptions());
        var cache = new SignatureCheckCache(options);
        var verifier = new TimestampTokenVerifier(new CertificatePathBuilder(cache, options), new RevocationChecker(cache, options), cache, new ParsedObjectCache(options));

        var outcome = await verifier.VerifyAsync(Finding("cms", name), _ => new byte[32], CheckKind.SignatureTimestamp, "the data",
            new ValidationMaterial(), TrustAnchors.None, null, CancellationToken.None);

        Assert.False(outcome.IsValid);
        var check = Assert.Single(outcome.Result.Checks);
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.StartsWith("malformed timestamp token: malformed certificate:", check.Detail);
    }

    [Fact]
    public void Flate_stream_zlib_refuses_with_an_error_code_is_a_PdfFormatException_when_nothing_decoded()
    {
        // A zlib header asking for a preset dictionary (FDICT): .NET's zlib answers with an error code, not InvalidDataException.
        byte[] needsDictionary = [0x78, 0xBB, 0x00, 0x00, 0x00, 0x01, 0x4B, 0x04, 0x00];

        var e = Assert.Throws<PdfFormatException>(() => FlateDecoder.Decode(needsDictionary, 1024));
        Assert.StartsWith("corrupt Flate data", e.Message);
    }

    [Fact]
    public void Pdf_whose_flate_stream_zlib_refuses_opens_and_its_stream_decode_fails_with_PdfFormatException_only()
    {
        var reader = PdfDocumentReader.Open(Finding("pdf-reader", "flate-zlib-error-code.pdf"));
        var streams = reader.Entries.Keys.Select(n => Record.Exception(() => reader.GetObject(n, 0)) is null ? reader.GetObject(n, 0) : null)
            .OfType<OneThing.Seal.Pdf.Objects.PdfStream>().ToArray();
        Assert.NotEmpty(streams);
        Assert.Contains(streams, s => Record.Exception(() => reader.DecodeStream(s)) is PdfFormatException);
        Assert.All(streams, s => Assert.True(Record.Exception(() => reader.DecodeStream(s)) is null or PdfFormatException));
    }
}
