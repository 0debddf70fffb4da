using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Signing;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Signing;

/// <summary>Certification, field locks, TSA failure and PDFs from other producers.</summary>
public sealed class SigningRulesTests
{
    private readonly TestPki _pki = new();

    [Fact]
    public async Task Signatures_into_a_qpdf_object_stream_file_stay_valid()
    {
        var signer = new PadesSigner(_pki.NewTimestampAuthority());
        var pdf = TestDocuments.RewrittenWithObjectStreams(TestDocuments.WithSignatureFields(pages: 10));
        foreach (var field in TestDocuments.ContractFields)
        {
            pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = field, Key = _pki.NewSigner(field) }, CancellationToken.None);
        }
        var reader = PdfDocumentReader.Open(pdf);
        Assert.True(reader.Revisions.Skip(1).All(r => r.UsesXrefStream), "updates of an xref-stream file use xref streams");
        Validators.AssertPdfsigAllValid(pdf, _pki.RootPem, 4);
        Assert.Equal(4, Validators.VerifyAllWithOpenSsl(pdf, _pki.RootPem));
        Validators.QpdfCheck(pdf);
    }

    [Fact]
    public async Task The_first_signature_certifies_with_DocMDP_P2_and_the_seal_locks_all_fields()
    {
        var signer = new PadesSigner(_pki.NewTimestampAuthority());
        var pdf = await signer.SignAsync(TestDocuments.WithSignatureFields(), new SignatureRequest { FieldName = "Borrower", Key = _pki.NewSigner("B") }, CancellationToken.None);
        var reader = PdfDocumentReader.Open(pdf);
        var docMdp = reader.Resolve<PdfDictionary>(reader.Resolve<PdfDictionary>(reader.Catalog["Perms"])!["DocMDP"])!;
        var transform = (PdfDictionary)((PdfArray)docMdp["Reference"]!)[0];
        Assert.Equal("DocMDP", transform.GetName("TransformMethod")!.Value);
        Assert.Equal(2, ((PdfInteger)((PdfDictionary)transform["TransformParams"]!)["P"]!).Value);

        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CoBorrower1", Key = _pki.NewSigner("C") }, CancellationToken.None);
        var second = Validators.SignaturesOf(pdf).ToList();
        Assert.Equal(2, second.Count);
        var secondSig = LastSignatureDictionary(pdf);
        Assert.Null(secondSig["Reference"]);

        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CentreSeal", Key = _pki.NewSigner("Seal"), LockAllFields = true }, CancellationToken.None);
        var seal = LastSignatureDictionary(pdf);
        var fieldMdp = (PdfDictionary)((PdfArray)seal["Reference"]!)[0];
        Assert.Equal("FieldMDP", fieldMdp.GetName("TransformMethod")!.Value);

        var ex = await Assert.ThrowsAsync<SigningException>(() => signer.SignAsync(pdf, new SignatureRequest { FieldName = "LoanOfficer", Key = _pki.NewSigner("L") }, CancellationToken.None));
        Assert.Contains("locked", ex.Message);
    }

    [Fact]
    public async Task A_failing_timestamp_authority_fails_the_signing()
    {
        var tsa = _pki.NewTimestampAuthority();
        tsa.Fail = true;
        var ex = await Assert.ThrowsAsync<SigningException>(() => new PadesSigner(tsa).SignAsync(TestDocuments.WithSignatureFields(), new SignatureRequest { FieldName = "Borrower", Key = _pki.NewSigner("B") }, CancellationToken.None));
        Assert.Contains("timestamp authority", ex.Message);
    }

    [Fact]
    public async Task Unknown_and_already_signed_fields_are_refused()
    {
        var signer = new PadesSigner(_pki.NewTimestampAuthority());
        var unknown = await Assert.ThrowsAsync<SigningException>(() => signer.SignAsync(TestDocuments.WithSignatureFields(), new SignatureRequest { FieldName = "Nobody", Key = _pki.NewSigner("B") }, CancellationToken.None));
        Assert.Contains("no signature field named 'Nobody'", unknown.Message);
        var pdf = await signer.SignAsync(TestDocuments.WithSignatureFields(), new SignatureRequest { FieldName = "Borrower", Key = _pki.NewSigner("B") }, CancellationToken.None);
        var again = await Assert.ThrowsAsync<SigningException>(() => signer.SignAsync(pdf, new SignatureRequest { FieldName = "Borrower", Key = _pki.NewSigner("B") }, CancellationToken.None));
        Assert.Contains("already signed", again.Message);
    }

    private static PdfDictionary LastSignatureDictionary(byte[] pdf)
    {
        var reader = PdfDocumentReader.Open(pdf);
        var last = reader.Revisions[^1];
        return last.Entries.Keys.Select(n => reader.GetObject(n, 0)).OfType<PdfDictionary>().Single(d => d.IsType("Sig"));
    }
}
