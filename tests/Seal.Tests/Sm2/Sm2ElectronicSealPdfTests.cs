using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.ElectronicSeals;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;
using TempDirectory = OneThing.Seal.Tests.Pki.Support.TempDirectory;

namespace OneThing.Seal.Tests.Sm2;

/// <summary>
/// A GB/T 38540 seal applied in a PDF: the seal picture as the widget, an SES_Signature under
/// <c>/OneThing.SES_Signature</c> beside the SM2 CMS, checked by the verifier and, independently, by OpenSSL.
/// </summary>
public sealed class Sm2ElectronicSealPdfTests : IDisposable
{
    private static readonly byte[] KeyToken = Encoding.ASCII.GetBytes("/OneThing.SES_Signature");
    private readonly ServedPki _served = new(port => ProductPki.CreateInMemory(new PkiOptions { BaseUrl = ServedPki.BaseUrl(port), KeyAlgorithm = KeyAlgorithm.Sm2 }), OneThing.Seal.Tests.Pki.Support.LocalHttpServer.FreePort());
    private readonly TempDirectory _dir = new();
    private ProductPki Pki => _served.Pki;

    [Fact]
    public async Task A_contract_with_the_centre_seal_applied_reaches_b_lta_and_the_report_names_the_seal_and_its_maker()
    {
        using var maker = Pki.IssueSealMakerKey();
        var report = await VerifierHarness.VerifyAsync(await SealedContractAsync(SealFor(maker)), _served.AnchorsPem);

        Assert.Equal(Verdict.Valid, report.Verdict);
        var seal = Assert.Single(report.Signatures, s => s.FieldName == "CentreSeal");
        Assert.True(seal.IsValid, string.Join("; ", seal.Checks.Select(c => c.Detail)));
        Assert.Equal(PadesLevel.BLTA, seal.Level);
        var sealChecks = seal.Checks.Where(c => c.Kind == CheckKind.ElectronicSeal).ToList();
        Assert.Equal(7, sealChecks.Count);
        Assert.All(sealChecks, c => Assert.Equal(CheckStatus.Passed, c.Status));
        Assert.Equal(Pki.Seals[0].CentreName + "合同专用章", seal.ElectronicSeal!.Name);
        Assert.Equal(4, seal.ElectronicSeal.Version);
        Assert.Contains("OneThing Seal Maker", seal.ElectronicSeal.Maker!.Subject, StringComparison.Ordinal);
        Assert.All(report.Signatures.Where(s => s.FieldName != "CentreSeal"), s => Assert.Null(s.ElectronicSeal));
        var text = TextReportWriter.Write(report);
        Assert.Contains("电子签章 / GB/T 38540 seal", text, StringComparison.Ordinal);
        Assert.Contains("制章人 / Seal maker", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsl_verifies_the_sm2_values_of_the_ses_signature_and_of_its_seal_and_the_sm3_data_hash_of_the_ranges()
    {
        using var maker = Pki.IssueSealMakerKey();
        var pdf = await SealedContractAsync(SealFor(maker));
        var (ses, content) = SesSignatureOf(pdf);

        // SES_Signature ::= SEQUENCE { TBS_Sign, cert OCTET STRING, signatureAlgID, signature BIT STRING, ... }
        var toSign = Asn1Sequence.GetInstance(ses[0]);
        var signer = new X509Certificate(Asn1OctetString.GetInstance(ses[1]).GetOctets());
        var value = DerBitString.GetInstance(ses[3]).GetOctets();
        Assert.Equal(Pki.Seals[0].Key.Certificate, signer);
        Assert.Equal("1.2.156.10197.1.501", DerObjectIdentifier.GetInstance(ses[2]).Id);
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, signer, toSign.GetEncoded(Asn1Encodable.Der), value), "openssl rejected the SES_Signature's SM2 value");
        var altered = toSign.GetEncoded(Asn1Encodable.Der);
        altered[^1] ^= 1;
        Assert.False(Sm2OpenSsl.VerifySignatureValue(_dir, signer, altered, value));

        // TBS_Sign ::= SEQUENCE { version, eseal SESeal, timeInfo, dataHash BIT STRING, propertyInfo, ... }
        Assert.Equal(4, DerInteger.GetInstance(toSign[0]).IntValueExact);
        var dataHash = DerBitString.GetInstance(toSign[3]).GetOctets();
        var sm3 = OneThing.Seal.Tests.Pki.Support.ExternalTool.Succeed("openssl", "dgst", "-sm3", "-r", _dir.WriteBytes("content.bin", content)).Split(' ')[0];
        Assert.Equal(sm3, Convert.ToHexString(dataHash), ignoreCase: true);

        // SESeal ::= SEQUENCE { SES_SealInfo, cert (maker), signAlgID, signedValue }: the maker signed SES_SealInfo.
        var seal = Asn1Sequence.GetInstance(toSign[1]);
        Assert.Equal(maker.Certificate, new X509Certificate(Asn1OctetString.GetInstance(seal[1]).GetOctets()));
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, maker.Certificate, seal[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der), DerBitString.GetInstance(seal[3]).GetOctets()),
            "openssl rejected the seal maker's SM2 value");
    }

    [Fact]
    public async Task The_seal_picture_is_the_widget_appearance()
    {
        using var maker = Pki.IssueSealMakerKey();
        var sealDer = SealFor(maker);
        var picture = OneThing.Seal.Crypto.Ses.SesReader.ReadSeal(sealDer).Picture;
        var pdf = await SealedContractAsync(sealDer);

        var document = PdfDocumentReader.Open(pdf);
        var field = SignatureFieldLocator.FindAll(document).Single(f => f.FullName == "CentreSeal");
        var form = document.Resolve<PdfStream>(document.Resolve<PdfDictionary>(field.Widget["AP"])!["N"])!;
        var image = document.Resolve<PdfStream>(document.Resolve<PdfDictionary>(document.Resolve<PdfDictionary>(form.Dictionary["Resources"])!["XObject"])!["Seal"])!;
        using var bitmap = SkiaSharp.SKBitmap.Decode(picture.Data);
        Assert.Equal(bitmap.Width, ((PdfInteger)image.Dictionary["Width"]!).Value);
        Assert.Equal(bitmap.Height, ((PdfInteger)image.Dictionary["Height"]!).Value);
        Assert.NotNull(image.Dictionary["SMask"]);
    }

    [Fact]
    public async Task A_changed_byte_in_the_ses_signature_fails_the_seal_check_and_the_cms_that_covers_it()
    {
        using var maker = Pki.IssueSealMakerKey();
        var pdf = await SealedContractAsync(SealFor(maker));
        var start = pdf.AsSpan().IndexOf(KeyToken) + KeyToken.Length + 2;
        // A hex digit well inside TBS_Sign's seal (the seal name's bytes): the structure still parses.
        var at = start + 400;
        pdf[at] = pdf[at] == (byte)'0' ? (byte)'1' : (byte)'0';

        var report = await VerifierHarness.VerifyAsync(pdf, _served.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        var seal = Assert.Single(report.Signatures, s => s.FieldName == "CentreSeal");
        Assert.Equal(CheckStatus.Failed, seal.Check(CheckKind.Integrity).Status);
        Assert.Contains(seal.Checks, c => c.Kind == CheckKind.ElectronicSeal && c.Status == CheckStatus.Failed);
    }

    [Fact]
    public async Task A_seal_made_by_a_maker_outside_the_trusted_pki_leaves_the_seal_indeterminate()
    {
        using var otherPki = ProductPki.CreateInMemory(new PkiOptions { KeyAlgorithm = KeyAlgorithm.Sm2 });
        using var maker = otherPki.IssueSealMakerKey("Elsewhere Seal Maker");
        var report = await VerifierHarness.VerifyAsync(await SealedContractAsync(SealFor(maker)), _served.AnchorsPem);

        Assert.NotEqual(Verdict.Valid, report.Verdict);
        var seal = Assert.Single(report.Signatures, s => s.FieldName == "CentreSeal");
        Assert.Contains(seal.Checks, c => c.Kind == CheckKind.ElectronicSeal && c.Status == CheckStatus.Indeterminate && c.Detail.Contains("Elsewhere Seal Maker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_seal_that_does_not_list_the_signing_key_or_an_ecdsa_key_is_refused_before_signing()
    {
        using var maker = Pki.IssueSealMakerKey();
        var signer = new PadesSigner(Pki.TimestampClient);
        var pdf = TestDocuments.WithSignatureFields(pages: 1);

        var notListed = await Assert.ThrowsAsync<SigningException>(() => signer.SignAsync(pdf,
            new SignatureRequest { FieldName = "CentreSeal", Key = Pki.Officers[0].Key, ElectronicSeal = SealFor(maker) }, CancellationToken.None));
        Assert.Contains("not among the seal's certificates", notListed.Message, StringComparison.Ordinal);

        using var ecdsa = ProductPki.CreateInMemory();
        var wrongFamily = await Assert.ThrowsAsync<SigningException>(() => signer.SignAsync(pdf,
            new SignatureRequest { FieldName = "CentreSeal", Key = ecdsa.Seals[0].Key, ElectronicSeal = SealFor(maker) }, CancellationToken.None));
        Assert.Contains("SM2 key", wrongFamily.Message, StringComparison.Ordinal);
    }

    private byte[] SealFor(CertifiedSigningKey maker) => ElectronicSealMaker.Make(maker, Pki.Seals[0], DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromDays(365));

    private async Task<byte[]> SealedContractAsync(byte[] sealDer)
    {
        var signer = new PadesSigner(Pki.TimestampClient);
        var pdf = TestDocuments.WithSignatureFields(pages: 2);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "Borrower", Key = Pki.IssueSignerKey("张三", "510603199001011231") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "LoanOfficer", Key = Pki.Officers[0].Key }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CentreSeal", Key = Pki.Seals[0].Key, LockAllFields = true, ElectronicSeal = sealDer }, CancellationToken.None);
        return await new LongTermValidation(Pki.RevocationSource, Pki.TimestampClient).ExtendAsync(pdf, Pki.IssuingCa.Chain, CancellationToken.None);
    }

    /// <summary>
    /// The SES_Signature read straight from the file bytes (not through the product's PDF reader), and the bytes its
    /// dataHash covers: the signature's /ByteRange less the SES_Signature's own hex string.
    /// </summary>
    private static (Asn1Sequence Ses, byte[] Content) SesSignatureOf(byte[] pdf)
    {
        var file = pdf.AsSpan();
        var key = file.IndexOf(KeyToken);
        Assert.True(key > 0);
        Assert.Equal(-1, file[(key + 1)..].IndexOf(KeyToken));
        var open = key + KeyToken.Length + file[(key + KeyToken.Length)..].IndexOf((byte)'<');
        var close = open + file[open..].IndexOf((byte)'>');
        var bytes = Convert.FromHexString(Encoding.ASCII.GetString(file[(open + 1)..close]));
        using var input = new Asn1InputStream(bytes);
        var ses = Asn1Sequence.GetInstance(input.ReadObject());

        var rangeText = Encoding.ASCII.GetString(file[..key]);
        var from = rangeText.LastIndexOf("/ByteRange [", StringComparison.Ordinal) + "/ByteRange [".Length;
        var range = rangeText[from..rangeText.IndexOf(']', from)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        Assert.True(open > range[2] && close < range[2] + range[3], "the SES_Signature lies in the second signed range, after /Contents");
        byte[] content = [.. file[..range[1]], .. file[range[2]..open], .. file[(close + 1)..(range[2] + range[3])]];
        return (ses, content);
    }

    public void Dispose()
    {
        _served.Dispose();
        _dir.Dispose();
    }
}
