using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki;

/// <summary>The hierarchy's certificates, as OpenSSL sees them.</summary>
public sealed class CertificateProfileTests : IDisposable
{
    private const string IdNumber = "11010519491231002X";
    private readonly ProductPki _pki = ProductPki.CreateInMemory(new PkiOptions { BaseUrl = "https://esign.example.cn" });
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Every_issued_certificate_chains_to_the_root_for_openssl()
    {
        var root = _dir.WritePem("root.pem", _pki.RootCa.Certificate);
        var issuing = _dir.WritePem("issuing.pem", _pki.IssuingCa.Certificate);
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        var leaves = new[]
        {
            _pki.Seals[0].Key.Certificate, _pki.Officers[0].Key.Certificate, _pki.TimestampAuthorityKey.Certificate,
            _pki.OcspResponderKey.Certificate, applicant.Certificate,
        };
        foreach (var (leaf, i) in leaves.Select((l, i) => (l, i)))
        {
            var output = ExternalTool.Succeed("openssl", "verify", "-CAfile", root, "-untrusted", issuing, _dir.WritePem($"leaf{i}.pem", leaf));
            Assert.Contains(": OK", output);
        }
    }

    [Fact]
    public void The_seal_certificate_names_the_centre_and_seal_code_and_points_at_crl_and_ocsp()
    {
        var seal = _pki.Seals[0];
        var text = ExternalTool.Succeed("openssl", "x509", "-noout", "-text", "-nameopt", "utf8,sep_comma_plus", "-in", _dir.WritePem("seal.pem", seal.Key.Certificate));
        Assert.Contains($"CN={seal.CentreName}", text);
        Assert.Contains($"serialNumber={seal.SealCode}", text);
        Assert.Contains("Digital Signature, Non Repudiation", text);
        Assert.Contains("CA:FALSE", text);
        Assert.Contains("URI:https://esign.example.cn/pki/crl/issuing-ca.crl", text);
        Assert.Contains("OCSP - URI:https://esign.example.cn/pki/ocsp", text);
        Assert.Contains("CA Issuers - URI:https://esign.example.cn/pki/ca/issuing-ca.crt", text);
        Assert.Contains("E-mail Protection", text);
    }

    [Fact]
    public void The_tsa_certificate_has_only_the_timestamping_eku_marked_critical()
    {
        var text = ExternalTool.Succeed("openssl", "x509", "-noout", "-text", "-in", _dir.WritePem("tsa.pem", _pki.TimestampAuthorityKey.Certificate));
        Assert.Matches(@"X509v3 Extended Key Usage: critical\s+Time Stamping\s", text);
    }

    [Fact]
    public void An_applicant_certificate_binds_name_and_id_number_and_is_short_lived()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber, TimeSpan.FromMinutes(30));
        var text = ExternalTool.Succeed("openssl", "x509", "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus", "-in", _dir.WritePem("a.pem", applicant.Certificate));
        Assert.Contains("CN=张三", text);
        Assert.Contains($"serialNumber={IdNumber}", text);
        Assert.True(applicant.Certificate.NotAfter - applicant.Certificate.NotBefore <= TimeSpan.FromMinutes(36));
    }

    [Theory]
    [InlineData("110105194912310021")] // wrong check character
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("1101051949123100AX")]
    public void An_invalid_id_number_is_refused(string idNumber) =>
        Assert.Throws<ArgumentException>(() => _pki.IssueSignerKey("张三", idNumber));

    [Fact]
    public void The_ocsp_responder_certificate_is_delegated_with_nocheck()
    {
        var text = ExternalTool.Succeed("openssl", "x509", "-noout", "-text", "-in", _dir.WritePem("ocsp.pem", _pki.OcspResponderKey.Certificate));
        Assert.Contains("OCSP Signing", text);
        Assert.Contains("OCSP No Check", text);
    }

    [Fact]
    public void Document_signing_certificates_are_valid_email_signers_for_nss_as_pdfsig_requires()
    {
        var db = _dir.File("nssdb");
        Directory.CreateDirectory(db);
        ExternalTool.Succeed("certutil", "-N", "-d", "sql:" + db, "--empty-password");
        ExternalTool.Succeed("certutil", "-A", "-d", "sql:" + db, "-n", "root", "-t", "CT,C,C", "-i", _dir.WritePem("root.pem", _pki.RootCa.Certificate));
        ExternalTool.Succeed("certutil", "-A", "-d", "sql:" + db, "-n", "issuing", "-t", ",,", "-i", _dir.WritePem("issuing.pem", _pki.IssuingCa.Certificate));
        ExternalTool.Succeed("certutil", "-A", "-d", "sql:" + db, "-n", "seal", "-t", ",,", "-i", _dir.WritePem("seal.pem", _pki.Seals[0].Key.Certificate));
        var output = ExternalTool.Succeed("certutil", "-V", "-d", "sql:" + db, "-n", "seal", "-u", "S");
        Assert.Contains("certificate is valid", output);
    }

    [Fact]
    public void Profiles_are_named_uniquely() =>
        Assert.Equal(CertificateProfiles.All.Count, CertificateProfiles.All.Select(p => p.Name).Distinct().Count());

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }
}
