using OneThing.Seal.Pdf;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Tests.Verification;

/// <summary>PDFs signed by poppler's pdfsig (NSS keys, adbe.pkcs7.detached, RSA and ECDSA), on classic and object-stream files.</summary>
public sealed class OtherProducerVerificationTests(PdfsigFiles files) : IClassFixture<PdfsigFiles>
{
    [Fact]
    public void The_object_stream_variants_really_use_xref_streams_in_every_revision()
    {
        var document = PdfDocumentReader.Open(files.ObjectStreamsTwo);
        Assert.Equal(3, document.Revisions.Count);
        Assert.All(document.Revisions, r => Assert.True(r.UsesXrefStream));
        Assert.DoesNotContain(PdfDocumentReader.Open(files.ClassicTwo).Revisions, r => r.UsesXrefStream);
    }

    [Theory]
    [InlineData(nameof(PdfsigFiles.ClassicOneRsa), 1)]
    [InlineData(nameof(PdfsigFiles.ClassicTwo), 2)]
    [InlineData(nameof(PdfsigFiles.ObjectStreamsOneEc), 1)]
    [InlineData(nameof(PdfsigFiles.ObjectStreamsTwo), 2)]
    public async Task Pdfsig_signatures_are_valid_with_their_anchor_trusted(string name, int signatures)
    {
        var report = await VerifierHarness.VerifyAsync(File(name), files.Workshop.AnchorsPem);

        Assert.True(report.Verdict == Verdict.Valid, string.Join("; ", report.Problems));
        Assert.Equal(signatures, report.Signatures.Count);
        Assert.All(report.Signatures, s =>
        {
            Assert.Equal("adbe.pkcs7.detached", s.SubFilter);
            Assert.Equal(PadesLevel.None, s.Level);
            Assert.StartsWith("CN=Pdfsig", s.Signer!.Subject, StringComparison.Ordinal);
        });
        Assert.True(report.Signatures[^1].CoversWholeFile);
        Assert.All(report.Revisions.Where(r => r.Index > 1), r => Assert.Equal(ChangeClass.Allowed, r.Classification));
    }

    [Theory]
    [InlineData(nameof(PdfsigFiles.ClassicTwo))]
    [InlineData(nameof(PdfsigFiles.ObjectStreamsTwo))]
    public async Task Pdfsig_signatures_are_intact_but_untrusted_without_their_anchor(string name)
    {
        var report = await VerifierHarness.VerifyAsync(File(name), new Seal.Tests.Support.TestPki("Unrelated Root").RootPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s =>
        {
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.Integrity).Status);
            Assert.Equal(CheckStatus.Passed, s.Check(CheckKind.CmsSignature).Status);
            Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.CertificateChain).Status);
            Assert.Contains("Pdfsig Test Root", s.Check(CheckKind.CertificateChain).Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Both_RSA_and_ECDSA_signature_values_are_checked()
    {
        var report = await VerifierHarness.VerifyAsync(files.ObjectStreamsTwo, files.Workshop.AnchorsPem);

        Assert.Contains("ECDSA", report.Signatures[0].SignatureAlgorithm, StringComparison.Ordinal);
        Assert.Contains("RSA", report.Signatures[1].SignatureAlgorithm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_pdfsig_file_is_a_digest_mismatch_for_both()
    {
        var report = await VerifierHarness.VerifyAsync(files.ObjectStreamsTwoTampered, files.Workshop.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s => Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.Integrity).Status));
        Assert.All(files.Workshop.PdfsigIntegrity(files.ObjectStreamsTwoTampered), Assert.False);
    }

    [Fact]
    public async Task The_integrity_verdict_matches_pdfsig_on_every_file()
    {
        foreach (var (name, pdf) in files.All)
        {
            var pdfsig = files.Workshop.PdfsigIntegrity(pdf);
            var report = await VerifierHarness.VerifyAsync(pdf, files.Workshop.AnchorsPem);
            var ours = report.Signatures
                .Select(s => s.Check(CheckKind.Integrity).Status == CheckStatus.Passed && s.Check(CheckKind.CmsSignature).Status == CheckStatus.Passed)
                .ToArray();
            Assert.True(pdfsig.SequenceEqual(ours), $"{name}: pdfsig [{string.Join(", ", pdfsig)}] vs ours [{string.Join(", ", ours)}]");
        }
    }

    private byte[] File(string name) => files.All.Single(f => f.Name == name).Pdf;
}
