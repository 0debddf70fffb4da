using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pki;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Signing;

/// <summary>The centre seal at B-LTA (DSS + document timestamp) and a later LTA renewal, with the product's own PKI.</summary>
public sealed class LtaSigningTests : IDisposable
{
    private readonly ServedPki _served = new();
    private ProductPki Pki => _served.Pki;

    [Fact]
    public async Task A_sealed_contract_gets_a_DSS_and_document_timestamp_and_can_be_renewed()
    {
        var signer = new PadesSigner(Pki.TimestampClient);
        var pdf = TestDocuments.WithSignatureFields(pages: 10);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "Borrower", Key = Pki.IssueSignerKey("张三", "510603199001011231") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CoBorrower1", Key = Pki.IssueSignerKey("李四", "510603199202022340") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "LoanOfficer", Key = Pki.Officers[0].Key }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CentreSeal", Key = Pki.Seals[0].Key, LockAllFields = true }, CancellationToken.None);

        var ltv = new LongTermValidation(Pki.RevocationSource, Pki.TimestampClient);
        var sealedPdf = await ltv.ExtendAsync(pdf, Pki.IssuingCa.Chain, CancellationToken.None);
        var anchors = PemCertificates.Of(Pki.TrustAnchors);

        if (Environment.GetEnvironmentVariable("SEAL_TEST_DUMP") is { } dump)
        {
            File.WriteAllBytes(Path.Combine(dump, "lta.pdf"), sealedPdf);
            File.WriteAllText(Path.Combine(dump, "anchors.pem"), anchors);
        }
        var reader = PdfDocumentReader.Open(sealedPdf);
        Assert.Equal(7, reader.Revisions.Count);
        var dss = reader.Resolve<PdfDictionary>(reader.Catalog["DSS"])!;
        var certs = reader.Resolve<PdfArray>(dss["Certs"])!;
        // root, issuing CA, TSA, 2 applicants, officer, seal (+ OCSP responder)
        Assert.True(certs.Count >= 7, $"DSS holds {certs.Count} certificates");
        Assert.NotEmpty(reader.Resolve<PdfArray>(dss["OCSPs"]) ?? []);
        Assert.NotEmpty(reader.Resolve<PdfArray>(dss["CRLs"]) ?? []);
        Assert.Equal(["ETSI.CAdES.detached", "ETSI.CAdES.detached", "ETSI.CAdES.detached", "ETSI.CAdES.detached", "ETSI.RFC3161"], Validators.SignaturesOf(sealedPdf).Select(s => s.SubFilter));

        Validators.AssertPdfsigAllValid(sealedPdf, anchors, 4);
        Assert.Equal(5, Validators.VerifyAllWithOpenSsl(sealedPdf, anchors));
        Validators.QpdfCheck(sealedPdf);

        var renewed = await ltv.ExtendAsync(sealedPdf, Pki.IssuingCa.Chain, CancellationToken.None);
        Assert.True(renewed.AsSpan(0, sealedPdf.Length).SequenceEqual(sealedPdf));
        Assert.Equal(2, Validators.SignaturesOf(renewed).Count(s => s.SubFilter == "ETSI.RFC3161"));
        Validators.AssertPdfsigAllValid(renewed, anchors, 4);
        Assert.Equal(6, Validators.VerifyAllWithOpenSsl(renewed, anchors));
        var renewedReader = PdfDocumentReader.Open(renewed);
        var renewedDss = renewedReader.Resolve<PdfDictionary>(renewedReader.Catalog["DSS"])!;
        Assert.True(renewedReader.Resolve<PdfArray>(renewedDss["OCSPs"])!.Count >= reader.Resolve<PdfArray>(dss["OCSPs"])!.Count);
        Validators.QpdfCheck(renewed);
    }

    public void Dispose() => _served.Dispose();
}
