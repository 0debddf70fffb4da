using OneThing.Seal.Tests.Support;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace OneThing.Cli.Tests;

/// <summary>Runs <c>onething demo --algorithm sm2</c> once for the SM2 CLI tests.</summary>
public sealed class Sm2DemoFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public Sm2DemoFixture()
    {
        OutDir = _dir.File("out");
        Demo = OneThingProcess.Run("demo", "--algorithm", "sm2", "--out", OutDir);
    }

    public OneThingProcess.Result Demo { get; }
    public string OutDir { get; }
    public string Anchors => Path.Combine(OutDir, "trust-anchors.pem");
    public IReadOnlyList<string> Pdfs => [.. Directory.GetFiles(OutDir, "*.pdf").Order()];
    public string File(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}

/// <summary><c>onething demo --algorithm sm2</c> and <c>onething verify</c> on its output; OpenSSL 3 checks the SM2 chains.</summary>
public sealed class Sm2DemoCommandTests(Sm2DemoFixture demo) : IClassFixture<Sm2DemoFixture>
{
    private const string DistId = "distid:1234567812345678";

    [Fact]
    public void The_sm2_demo_writes_three_documents_that_onething_verify_accepts_at_b_lta_naming_sm2_with_sm3()
    {
        Assert.True(demo.Demo.ExitCode == 0, $"demo failed:\n{demo.Demo.Output}\n{demo.Demo.Error}");
        Assert.Equal(3, demo.Pdfs.Count);
        foreach (var pdf in demo.Pdfs)
        {
            var (code, output, _) = OneThingProcess.Run("verify", pdf, "--trust", demo.Anchors);
            Assert.True(code == 0, output);
            Assert.Contains("文档有效 / Document valid", output, StringComparison.Ordinal);
            Assert.Contains("算法 / Algorithm: SM3 / SM2 with SM3", output, StringComparison.Ordinal);
            Assert.Contains("PAdES B-LTA", output, StringComparison.Ordinal);
            Assert.DoesNotContain("SHA256withECDSA", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_sm2_demo_applies_the_centre_seal_as_a_gbt_38540_seal_that_verify_reports_and_seal_inspect_reads()
    {
        Assert.True(demo.Demo.ExitCode == 0, $"demo failed:\n{demo.Demo.Output}\n{demo.Demo.Error}");
        var seal = Assert.Single(Directory.GetFiles(demo.OutDir, "seal-*.esl"));
        var inspect = OneThingProcess.Run("seal", "inspect", seal);
        Assert.True(inspect.ExitCode == 0, inspect.Output + inspect.Error);

        var (code, output, _) = OneThingProcess.Run("verify", demo.Pdfs[0], "--trust", demo.Anchors);
        Assert.Equal(0, code);
        Assert.Contains("电子印章 / Seal (GB/T 38540 v4): ", output, StringComparison.Ordinal);
        Assert.Contains("✓ 电子签章 / GB/T 38540 seal: 通过 / passed — dataHash is SM3 of the signed byte ranges", output, StringComparison.Ordinal);
        Assert.Contains("✓ 电子签章 / GB/T 38540 seal: 通过 / passed — the seal maker's certificate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trust_anchor_file_holds_the_self_signed_sm2_root()
    {
        var text = OneThingProcess.Start("openssl", "x509", "-in", demo.Anchors, "-noout", "-text");
        Assert.Contains("Signature Algorithm: SM2-with-SM3", text.Output, StringComparison.Ordinal);
        Assert.Contains("ASN1 OID: SM2", text.Output, StringComparison.Ordinal);
        var self = OneThingProcess.Start("openssl", "verify", "-vfyopt", DistId, "-CAfile", demo.Anchors, demo.Anchors);
        Assert.True(self.ExitCode == 0, self.Output + self.Error);
    }

    [Fact]
    public void Every_signer_chain_in_the_sm2_documents_verifies_with_openssl_under_the_gmt_0009_id()
    {
        var checkedSigners = 0;
        foreach (var pdf in demo.Pdfs)
        {
            foreach (var (subFilter, contents, _) in Validators.SignaturesOf(File.ReadAllBytes(pdf)))
            {
                if (subFilter != "ETSI.CAdES.detached")
                {
                    continue;
                }
                var signedData = SignedData.GetInstance(ContentInfo.GetInstance(Asn1Object.FromByteArray(contents)).Content);
                var certificates = signedData.Certificates.ToArray().Select(c => new X509Certificate(Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(c))).ToList();
                var serial = IssuerAndSerialNumber.GetInstance(SignerInfo.GetInstance(signedData.SignerInfos[0]).SignerID.ID).SerialNumber.Value;
                var leaf = certificates.Single(c => c.SerialNumber.Equals(serial));
                var issuing = certificates.Single(c => c.SubjectDN.Equivalent(leaf.IssuerDN));
                AssertChainVerifies(issuing, leaf);
                checkedSigners++;
            }
        }
        Assert.True(checkedSigners >= 9, $"only {checkedSigners} signers checked");
    }

    [Fact]
    public void A_changed_byte_in_an_sm2_document_makes_verify_exit_1()
    {
        var bytes = File.ReadAllBytes(demo.Pdfs[0]);
        bytes[Array.IndexOf(bytes, (byte)'\n') + 2] ^= 1; // the binary comment after %PDF-: inside every signed range, invisible to parsers
        var tampered = demo.File("tampered.pdf");
        File.WriteAllBytes(tampered, bytes);

        var (code, output, _) = OneThingProcess.Run("verify", tampered, "--trust", demo.Anchors);

        Assert.Equal(1, code);
        Assert.Contains("SM3 of the signed bytes does not match", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_refuses_to_mix_families_in_one_pki_directory()
    {
        Assert.Equal(0, demo.Demo.ExitCode);
        var (code, _, error) = OneThingProcess.Run("demo", "--algorithm", "international", "--out", demo.OutDir);

        Assert.Equal(1, code);
        Assert.Contains("error: the PKI in", error.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("has Sm2 keys, not EcdsaP256", error, StringComparison.Ordinal);
    }

    /// <summary>OpenSSL 3.0 applies -vfyopt only to the target certificate, so each link is verified as its own target.</summary>
    private void AssertChainVerifies(X509Certificate issuing, X509Certificate leaf)
    {
        var issuingPem = demo.File($"ca-{Guid.NewGuid():N}.pem");
        var leafPem = demo.File($"leaf-{Guid.NewGuid():N}.pem");
        File.WriteAllText(issuingPem, PemCertificates.Of([issuing]));
        File.WriteAllText(leafPem, PemCertificates.Of([leaf]));
        var upper = OneThingProcess.Start("openssl", "verify", "-vfyopt", DistId, "-CAfile", demo.Anchors, issuingPem);
        Assert.True(upper.ExitCode == 0, upper.Output + upper.Error);
        var lower = OneThingProcess.Start("openssl", "verify", "-vfyopt", DistId, "-partial_chain", "-CAfile", issuingPem, leafPem);
        Assert.True(lower.ExitCode == 0, $"{leaf.SubjectDN}: {lower.Output}{lower.Error}");
    }
}
