using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Tests.Verification;

/// <summary>The verifier on the product's own signed contracts, and on tampered copies of them.</summary>
public sealed class OwnOutputVerificationTests(SignedContractFixture contract) : IClassFixture<SignedContractFixture>
{
    [Fact]
    public async Task A_contract_signed_by_all_parties_is_valid_when_its_anchor_is_trusted()
    {
        var report = await VerifierHarness.VerifyAsync(contract.Signed, contract.AnchorsPem);

        Assert.Equal(Verdict.Valid, report.Verdict);
        Assert.Empty(report.Problems);
        Assert.Equal(TestDocuments.ContractFields, report.Signatures.Select(s => s.FieldName));
        Assert.All(report.Signatures, s =>
        {
            Assert.True(s.IsValid, string.Join("; ", s.Checks.Select(c => c.Detail)));
            Assert.Equal(PadesLevel.BT, s.Level);
            Assert.Equal("ETSI.CAdES.detached", s.SubFilter);
            Assert.NotNull(s.TimestampedTime);
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.Integrity).Status);
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.CertificateChain).Status);
        });
        Assert.True(report.Signatures[^1].CoversWholeFile);
        Assert.All(report.Signatures.Take(3), s => Assert.False(s.CoversWholeFile));
        Assert.Equal(2, report.DocMdpPermission);
        Assert.Equal(5, report.Revisions.Count);
        Assert.All(report.Revisions.Skip(2), r => Assert.Equal(ChangeClass.Allowed, r.Classification));
    }

    [Fact]
    public async Task Without_the_anchor_the_signatures_are_intact_but_the_document_is_not_valid()
    {
        var report = await VerifierHarness.VerifyAsync(contract.Signed);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s =>
        {
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.Integrity).Status);
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.CmsSignature).Status);
            Assert.Equal(CheckStatus.Indeterminate, s.Check(CheckKind.CertificateChain).Status);
        });
        Assert.Contains(report.Problems, p => p.Contains("no trust anchors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_CA_as_anchor_does_not_make_the_signatures_trusted()
    {
        var report = await VerifierHarness.VerifyAsync(contract.Signed, new TestPki("Some Other Root").RootPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s => Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.CertificateChain).Status));
    }

    [Fact]
    public async Task One_flipped_byte_in_a_signed_range_breaks_every_signature_over_it()
    {
        var report = await VerifierHarness.VerifyAsync(Tamper.FlipByteInPageContent(contract.Signed), contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s =>
        {
            Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.Integrity).Status);
            Assert.Contains("does not match the message-digest", s.Check(CheckKind.Integrity).Detail, StringComparison.Ordinal);
        });
        Assert.Contains(report.Problems, p => p.Contains("signed bytes were changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_content_change_appended_after_signing_makes_the_document_invalid_though_each_signature_still_matches()
    {
        var tampered = Tamper.AppendPageContentChange(contract.Signed);

        var report = await VerifierHarness.VerifyAsync(tampered, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s => Assert.True(s.IsValid));
        Assert.All(report.Signatures, s => Assert.False(s.CoversWholeFile));
        var last = report.Revisions[^1];
        Assert.Equal(ChangeClass.Disallowed, last.Classification);
        Assert.Contains(last.Changes, c => !c.Allowed && c.Reason.Contains("page 1: /Contents changed", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("changes after signing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signature_whose_contents_were_zeroed_is_rejected()
    {
        var report = await VerifierHarness.VerifyAsync(Tamper.ZeroLastSignatureContents(contract.Signed), contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        var seal = report.Signatures.Single(s => s.FieldName == "CentreSeal");
        Assert.Equal(CheckStatus.Failed, seal.Check(CheckKind.CmsSignature).Status);
        Assert.Contains("all zeros", seal.Check(CheckKind.CmsSignature).Detail, StringComparison.Ordinal);
        Assert.All(report.Signatures.Where(s => s.FieldName != "CentreSeal"), s => Assert.True(s.IsValid));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public async Task A_truncated_file_is_not_readable(double keep)
    {
        var truncated = contract.Signed[..(int)(contract.Signed.Length * keep)];

        var report = await VerifierHarness.VerifyAsync(truncated, contract.AnchorsPem);

        Assert.Equal(Verdict.Unreadable, report.Verdict);
        Assert.Contains("not a readable PDF", report.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_bytes_are_not_a_readable_PDF()
    {
        var random = new byte[64 * 1024];
        new Random(4).NextBytes(random);

        var report = await VerifierHarness.VerifyAsync(random, contract.AnchorsPem);

        Assert.Equal(Verdict.Unreadable, report.Verdict);
        Assert.Contains("%PDF-", report.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_not_a_readable_PDF()
    {
        var report = await VerifierHarness.VerifyAsync([], contract.AnchorsPem);

        Assert.Equal(Verdict.Unreadable, report.Verdict);
        Assert.Single(report.Problems);
    }

    [Fact]
    public async Task An_unsigned_document_is_readable_but_not_valid()
    {
        var report = await VerifierHarness.VerifyAsync(contract.Unsigned, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains("no signatures", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_text_report_names_each_signature_in_Chinese_and_English_and_the_json_round_trips()
    {
        var report = await VerifierHarness.VerifyAsync(contract.Signed, contract.AnchorsPem);

        var text = TextReportWriter.Write(report);
        Assert.Contains("签名有效 / Signature valid", text, StringComparison.Ordinal);
        Assert.Contains("文档有效 / Document valid", text, StringComparison.Ordinal);
        Assert.Contains("CN=Borrower Signer", text, StringComparison.Ordinal);
        var json = JsonReportWriter.Write(report);
        Assert.Contains("\"verdict\": \"Valid\"", json, StringComparison.Ordinal);
        var back = JsonReportWriter.Read(json)!;
        Assert.Equal(report.Signatures.Count, back.Signatures.Count);
        Assert.Equal(report.Signatures[0].Signer, back.Signatures[0].Signer);
    }
}
