using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Tests.Verification;

/// <summary>The product's PKI (CRL/OCSP named in every certificate): DSS revocation data, document timestamps, PAdES levels, online checks, revoked keys.</summary>
public sealed class LongTermVerificationTests : IDisposable
{
    private readonly ServedPki _served = new();
    private ProductPki Pki => _served.Pki;

    [Fact]
    public async Task A_sealed_B_LTA_contract_is_valid_offline_from_its_DSS_and_every_signature_reaches_B_LTA()
    {
        var sealedPdf = await Seal(await SignAll(), CancellationToken.None);

        var report = await VerifierHarness.VerifyAsync(sealedPdf, _served.AnchorsPem);

        Assert.True(report.Verdict == Verdict.Valid, string.Join("; ", report.Problems));
        var signatures = report.Signatures.Where(s => s.Kind == SignatureKind.Signature).ToArray();
        Assert.Equal(4, signatures.Length);
        Assert.All(signatures, s =>
        {
            Assert.Equal(PadesLevel.BLTA, s.Level);
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.Revocation).Status);
            Assert.Contains("good (OCSP", s.Check(CheckKind.Revocation).Detail, StringComparison.Ordinal);
        });
        var timestamp = Assert.Single(report.Signatures, s => s.Kind == SignatureKind.DocumentTimestamp);
        Assert.True(timestamp.IsValid);
        Assert.True(timestamp.CoversWholeFile);
        Assert.Equal(CheckStatus.Passed, timestamp.Check(CheckKind.DocumentTimestamp).Status);
        Assert.All(report.Revisions.Skip(2), r => Assert.Equal(ChangeClass.Allowed, r.Classification));
        Assert.Contains(report.Revisions[^2].Changes, c => c.Reason.Contains("DSS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_B_T_contract_without_DSS_has_unknown_revocation_offline_and_is_valid_when_checked_online()
    {
        var pdf = await SignAll();

        var offline = await VerifierHarness.VerifyAsync(pdf, _served.AnchorsPem);
        var online = await VerifierHarness.VerifyAsync(pdf, _served.AnchorsPem, online: true);

        Assert.Equal(Verdict.Invalid, offline.Verdict);
        Assert.All(offline.Signatures, s => Assert.Equal(CheckStatus.Indeterminate, s.Check(CheckKind.Revocation).Status));
        Assert.Contains(offline.Problems, p => p.Contains("no revocation data in the document", StringComparison.Ordinal));
        Assert.True(online.Verdict == Verdict.Valid, string.Join("; ", online.Problems));
        Assert.All(online.Signatures, s => Assert.Equal(PadesLevel.BT, s.Level));
    }

    [Fact]
    public async Task A_certificate_revoked_after_the_timestamped_signature_does_not_invalidate_it()
    {
        var key = Pki.IssueSignerKey("张三", "510603199001011231");
        var pdf = await new PadesSigner(Pki.TimestampClient).SignAsync(TestDocuments.WithSignatureFields(pages: 2, "Borrower"),
            new SignatureRequest { FieldName = "Borrower", Key = key }, CancellationToken.None);
        await Task.Delay(1100); // revocation times have one-second resolution
        Pki.Revoke(key.Certificate.SerialNumber, RevocationReason.CessationOfOperation);

        var report = await VerifierHarness.VerifyAsync(await Seal(pdf, CancellationToken.None), _served.AnchorsPem);

        var signature = report.Signatures.Single(s => s.FieldName == "Borrower");
        Assert.True(signature.IsValid, string.Join("; ", signature.Checks.Select(c => c.Detail)));
        Assert.Contains("after the signature's proven time", signature.Check(CheckKind.Revocation).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_made_with_an_already_revoked_certificate_is_rejected()
    {
        var key = Pki.IssueSignerKey("李四", "510603199202022340");
        Pki.Revoke(key.Certificate.SerialNumber, RevocationReason.KeyCompromise);
        await Task.Delay(1100);
        var pdf = await new PadesSigner(Pki.TimestampClient).SignAsync(TestDocuments.WithSignatureFields(pages: 2, "Borrower"),
            new SignatureRequest { FieldName = "Borrower", Key = key }, CancellationToken.None);

        var report = await VerifierHarness.VerifyAsync(await Seal(pdf, CancellationToken.None), _served.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        var signature = report.Signatures.Single(s => s.FieldName == "Borrower");
        Assert.Equal(CheckStatus.Failed, signature.Check(CheckKind.Revocation).Status);
        Assert.Contains("REVOKED", signature.Check(CheckKind.Revocation).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_change_appended_after_the_document_timestamp_is_still_caught()
    {
        var sealedPdf = await Seal(await SignAll(), CancellationToken.None);

        var report = await VerifierHarness.VerifyAsync(Tamper.AppendPageContentChange(sealedPdf), _served.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(ChangeClass.Disallowed, report.Revisions[^1].Classification);
        Assert.All(report.Signatures, s => Assert.True(s.IsValid));
    }

    private async Task<byte[]> SignAll()
    {
        var signer = new PadesSigner(Pki.TimestampClient);
        var pdf = TestDocuments.WithSignatureFields(pages: 3);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "Borrower", Key = Pki.IssueSignerKey("张三", "510603199001011231") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CoBorrower1", Key = Pki.IssueSignerKey("李四", "510603199202022340") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "LoanOfficer", Key = Pki.Officers[0].Key }, CancellationToken.None);
        return await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CentreSeal", Key = Pki.Seals[0].Key, LockAllFields = true }, CancellationToken.None);
    }

    private Task<byte[]> Seal(byte[] pdf, CancellationToken cancellationToken) =>
        new LongTermValidation(Pki.RevocationSource, Pki.TimestampClient).ExtendAsync(pdf, Pki.IssuingCa.Chain, cancellationToken);

    public void Dispose() => _served.Dispose();
}
