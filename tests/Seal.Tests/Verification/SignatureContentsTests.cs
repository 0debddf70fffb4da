using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Document;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Tests.Verification;

/// <summary>
/// A signature's /Contents is read from its hex digits without decoding the padding: the gap check and the
/// CMS read give exactly what they give on the fully decoded bytes, and still catch what they caught.
/// </summary>
public sealed class SignatureContentsTests(SignedContractFixture contract) : IClassFixture<SignedContractFixture>
{
    [Fact]
    public void The_CMS_read_from_the_digits_is_the_CMS_read_from_all_the_decoded_bytes()
    {
        foreach (var entry in Entries())
        {
            Assert.False(entry.Contents!.HexDigits.IsEmpty);
            var fromDigits = CmsContents.Parse(entry.Contents);
            var fromBytes = CmsContents.Parse(new PdfString(entry.Contents.Bytes.ToArray(), isHex: true));

            Assert.Equal(fromBytes.EncapsulatedContentType, fromDigits.EncapsulatedContentType);
            Assert.Equal(fromBytes.Certificates.Select(c => c.ToArray()), fromDigits.Certificates.Select(c => c.ToArray()));
            Assert.Equal(fromBytes.Signers.Single().Signature, fromDigits.Signers.Single().Signature);
            Assert.Equal(fromBytes.Signers.Single().SignedAttributesDer, fromDigits.Signers.Single().SignedAttributesDer);
            Assert.Equal(fromBytes.Signers.Single().UnsignedAttributes.Count, fromDigits.Signers.Single().UnsignedAttributes.Count);
        }
    }

    [Fact]
    public void Wiped_digits_are_reported_as_empty_contents()
    {
        var wiped = Lazy(new string('0', 4096));

        var ex = Assert.Throws<FormatException>(() => CmsContents.Parse(wiped));

        Assert.Contains("empty or all zeros", ex.Message);
    }

    [Fact]
    public void A_header_claiming_more_than_the_contents_hold_fails_as_on_the_decoded_bytes()
    {
        // SEQUENCE with a 4-byte length of 0x00100000, then padding: far more than 2,048 bytes.
        var digits = "3084" + "00100000" + "06092A864886F70D010702" + new string('0', 4096 - 30);

        var fromDigits = Assert.Throws<FormatException>(() => CmsContents.Parse(Lazy(digits)));
        var fromBytes = Assert.Throws<FormatException>(() => CmsContents.Parse(new PdfString(Convert.FromHexString(digits), isHex: true)));

        Assert.Equal(fromBytes.Message, fromDigits.Message);
    }

    [Fact]
    public void The_gap_check_passes_on_the_digits_and_on_the_decoded_bytes_alike()
    {
        foreach (var entry in Entries())
        {
            Assert.Equal(CheckStatus.Passed, ByteRangeCheck.Check(contract.Signed, entry.ByteRange, entry.Contents).Status);
            Assert.Equal(CheckStatus.Passed, ByteRangeCheck.Check(contract.Signed, entry.ByteRange, new PdfString(entry.Contents!.Bytes.ToArray(), isHex: true)).Status);
            // The same value spelled in lower case: not the gap's digits, so decoded and compared.
            var lower = Lazy(Encoding.ASCII.GetString(entry.Contents.HexDigits.Span).ToLowerInvariant());
            Assert.Equal(CheckStatus.Passed, ByteRangeCheck.Check(contract.Signed, entry.ByteRange, lower).Status);
        }
    }

    [Fact]
    public void The_gap_check_fails_when_the_contents_differ_from_the_gap_by_one_byte()
    {
        var entry = Entries()[0];
        var other = entry.Contents!.Bytes.ToArray();
        other[10] ^= 0x01;

        var fromBytes = ByteRangeCheck.Check(contract.Signed, entry.ByteRange, new PdfString(other, isHex: true));
        var fromDigits = ByteRangeCheck.Check(contract.Signed, entry.ByteRange, Lazy(Convert.ToHexString(other)));

        Assert.Equal(CheckStatus.Failed, fromBytes.Status);
        Assert.Equal(CheckStatus.Failed, fromDigits.Status);
        Assert.Contains("does not hold this signature's /Contents", fromDigits.Detail);
    }

    [Fact]
    public void A_gap_that_is_not_plain_hex_fails_even_when_contents_were_read_elsewhere()
    {
        var entry = Entries()[0];
        var file = contract.Signed.ToArray();
        var gapStart = (int)entry.ByteRange![1];
        file[gapStart + 1] = (byte)'g'; // the first digit of the gap is no longer hex

        var check = ByteRangeCheck.Check(file, entry.ByteRange, new PdfString(entry.Contents!.Bytes.ToArray(), isHex: true));

        Assert.Equal(CheckStatus.Failed, check.Status);
    }

    private IReadOnlyList<SignatureEntry> Entries() => SignatureEntryReader.Read(PdfDocumentReader.Open(contract.Signed));

    /// <summary>A hex string as the parser makes it from long plain digits.</summary>
    private static PdfString Lazy(string digits) =>
        Assert.IsType<PdfString>(new OneThing.Seal.Pdf.Parsing.PdfObjectParser(Encoding.ASCII.GetBytes($"<{digits}>"), PdfReaderLimits.Default).ParseObject());
}
