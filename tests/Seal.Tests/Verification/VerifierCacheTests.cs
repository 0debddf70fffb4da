using System.Text;
using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Tests.Verification;

/// <summary>
/// One verifier instance keeps parsed certificates/OCSP/CRLs, imported keys and certificate checks
/// across documents (keyed by content). Each test first verifies a document that fills those caches,
/// then a second document that differs in what the cache must not paper over.
/// </summary>
public sealed class VerifierCacheTests(SignedContractFixture contract) : IClassFixture<SignedContractFixture>
{
    private readonly PdfSignatureVerifier _verifier = PdfSignatureVerifier.Create();

    [Fact]
    public async Task A_look_alike_PKI_with_the_same_names_and_serial_numbers_is_not_trusted_after_the_real_one_was_verified()
    {
        var anchors = Anchors(contract.AnchorsPem);
        var lookAlike = await SignContract(new TestPki()); // same root name, serials and subject names; other keys

        var genuine = await Verify(contract.Signed, anchors);
        var forged = await Verify(lookAlike, anchors);

        Assert.Equal(Verdict.Valid, genuine.Verdict);
        Assert.Equal(Verdict.Invalid, forged.Verdict);
        Assert.All(forged.Signatures, s =>
        {
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.CmsSignature).Status);
            Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.CertificateChain).Status);
            Assert.Contains("does not verify with its issuer's key", s.Check(CheckKind.CertificateChain).Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_changed_signature_value_under_an_already_used_key_is_rejected()
    {
        var anchors = Anchors(contract.AnchorsPem);
        var tampered = FlipLastSignatureValueByte(contract.Signed);

        var genuine = await Verify(contract.Signed, anchors);
        var changed = await Verify(tampered, anchors);

        Assert.Equal(Verdict.Valid, genuine.Verdict);
        Assert.Equal(Verdict.Invalid, changed.Verdict);
        var seal = changed.Signatures.Single(s => s.FieldName == "CentreSeal");
        Assert.Equal(CheckStatus.Failed, seal.Check(CheckKind.CmsSignature).Status);
        Assert.All(changed.Signatures.Where(s => s.FieldName != "CentreSeal"), s => Assert.True(s.IsValid));
    }

    [Fact]
    public async Task Trust_established_for_one_request_is_not_carried_to_a_request_with_other_anchors()
    {
        var trusted = await Verify(contract.Signed, Anchors(contract.AnchorsPem));
        var otherAnchors = await Verify(contract.Signed, Anchors(new TestPki("Some Other Root").RootPem));
        var noAnchors = await Verify(contract.Signed, TrustAnchors.None);

        Assert.Equal(Verdict.Valid, trusted.Verdict);
        Assert.All(otherAnchors.Signatures, s => Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.CertificateChain).Status));
        Assert.All(noAnchors.Signatures, s => Assert.Equal(CheckStatus.Indeterminate, s.Check(CheckKind.CertificateChain).Status));
    }

    [Fact]
    public async Task A_revoked_OCSP_answer_for_a_certificate_whose_good_answer_was_cached_with_another_document_still_fails()
    {
        using var pki = ProductPki.CreateInMemory();
        var anchors = new TrustAnchors(pki.TrustAnchors);
        var key = pki.IssueSignerKey("张三", "510603199001011231");
        var before = await SealSigned(pki, key);
        var goodFirst = await Verify(before, anchors);
        await Task.Delay(1100); // revocation times have one-second resolution
        pki.Revoke(key.Certificate.SerialNumber, RevocationReason.KeyCompromise);
        await Task.Delay(1100);
        var after = await SealSigned(pki, key);

        var revoked = await Verify(after, anchors);
        var goodAgain = await Verify(before, anchors);

        Assert.True(goodFirst.Verdict == Verdict.Valid, string.Join("; ", goodFirst.Problems));
        Assert.Equal(Verdict.Invalid, revoked.Verdict);
        var signature = revoked.Signatures.Single(s => s.FieldName == "Borrower");
        Assert.Equal(CheckStatus.Failed, signature.Check(CheckKind.Revocation).Status);
        Assert.Contains("REVOKED", signature.Check(CheckKind.Revocation).Detail, StringComparison.Ordinal);
        Assert.True(goodAgain.Verdict == Verdict.Valid, string.Join("; ", goodAgain.Problems));
    }

    [Fact]
    public async Task The_same_certificates_without_a_DSS_get_no_revocation_evidence_from_a_document_verified_before()
    {
        using var pki = ProductPki.CreateInMemory();
        var anchors = new TrustAnchors(pki.TrustAnchors);
        var key = pki.IssueSignerKey("张三", "510603199001011231");
        var signed = await new PadesSigner(pki.TimestampClient).SignAsync(TestDocuments.WithSignatureFields(pages: 2, "Borrower"),
            new SignatureRequest { FieldName = "Borrower", Key = key }, CancellationToken.None);
        var sealedPdf = await new LongTermValidation(pki.RevocationSource, pki.TimestampClient).ExtendAsync(signed, pki.IssuingCa.Chain, CancellationToken.None);

        var withDss = await Verify(sealedPdf, anchors);
        var withoutDss = await Verify(signed, anchors);

        Assert.True(withDss.Verdict == Verdict.Valid, string.Join("; ", withDss.Problems));
        Assert.Equal(Verdict.Invalid, withoutDss.Verdict);
        Assert.Equal(CheckStatus.Indeterminate, withoutDss.Signatures.Single().Check(CheckKind.Revocation).Status);
    }

    [Fact]
    public async Task Genuine_and_tampered_copies_verified_at_the_same_time_by_one_verifier_each_get_their_own_verdict()
    {
        var anchors = Anchors(contract.AnchorsPem);
        var tampered = Tamper.FlipByteInPageContent(contract.Signed);

        var reports = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Verify(i % 2 == 0 ? contract.Signed : tampered, anchors))));

        for (var i = 0; i < reports.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? Verdict.Valid : Verdict.Invalid, reports[i].Verdict);
            Assert.All(reports[i].Signatures, s => Assert.Equal(i % 2 == 0 ? CheckStatus.Passed : CheckStatus.Failed, s.Check(CheckKind.Integrity).Status));
        }
    }

    [Fact]
    public async Task With_the_caches_turned_off_the_verdicts_are_the_same()
    {
        var uncached = PdfSignatureVerifier.Create(new VerificationOptions { SignatureCacheSize = 0 });
        var request = new VerificationRequest(Anchors(contract.AnchorsPem));

        var genuine = await uncached.VerifyAsync(contract.Signed, "a.pdf", request, CancellationToken.None);
        var tampered = await uncached.VerifyAsync(Tamper.FlipByteInPageContent(contract.Signed), "b.pdf", request, CancellationToken.None);

        Assert.Equal(Verdict.Valid, genuine.Verdict);
        Assert.Equal(Verdict.Invalid, tampered.Verdict);
    }

    private Task<VerificationReport> Verify(byte[] pdf, TrustAnchors anchors) =>
        _verifier.VerifyAsync(pdf, "test.pdf", new VerificationRequest(anchors), CancellationToken.None);

    private static TrustAnchors Anchors(string pem) => new(TrustAnchors.Parse(Encoding.ASCII.GetBytes(pem)));

    private static async Task<byte[]> SignContract(TestPki pki)
    {
        var signer = new PadesSigner(pki.NewTimestampAuthority());
        var pdf = TestDocuments.WithSignatureFields(pages: 3);
        foreach (var field in TestDocuments.ContractFields)
        {
            pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = field, Key = pki.NewSigner(field + " Signer"), LockAllFields = field == "CentreSeal" }, CancellationToken.None);
        }
        return pdf;
    }

    private static async Task<byte[]> SealSigned(ProductPki pki, ISigningKey key)
    {
        var pdf = await new PadesSigner(pki.TimestampClient).SignAsync(TestDocuments.WithSignatureFields(pages: 2, "Borrower"),
            new SignatureRequest { FieldName = "Borrower", Key = key }, CancellationToken.None);
        return await new LongTermValidation(pki.RevocationSource, pki.TimestampClient).ExtendAsync(pdf, pki.IssuingCa.Chain, CancellationToken.None);
    }

    /// <summary>Flips the last byte of the last signature's CMS signature value, in the file's /Contents hex.</summary>
    private static byte[] FlipLastSignatureValueByte(byte[] pdf)
    {
        var (start, end) = Tamper.LastContentsGap(pdf);
        var contents = Convert.FromHexString(Encoding.ASCII.GetString(pdf, start + 1, end - start - 2));
        var signature = CmsSignedDataReader.Read(contents).Signers[0].Signature;
        var at = contents.AsSpan().IndexOf(signature) + signature.Length - 1;
        contents[at] ^= 0x01;
        var copy = (byte[])pdf.Clone();
        Encoding.ASCII.GetBytes(Convert.ToHexString(contents)).CopyTo(copy, start + 1);
        return copy;
    }
}
