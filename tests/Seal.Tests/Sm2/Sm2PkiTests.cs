using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Tests.Pki.Support;
using Org.BouncyCastle.Ocsp;

namespace OneThing.Seal.Tests.Sm2;

/// <summary>The SM2 hierarchy (KeyAlgorithm.Sm2): every certificate, CRL and OCSP answer is SM3withSM2, as OpenSSL 3 sees it.</summary>
public sealed class Sm2PkiTests : IDisposable
{
    private const string IdNumber = "11010519491231002X";
    private readonly ProductPki _pki = ProductPki.CreateInMemory(new PkiOptions { KeyAlgorithm = KeyAlgorithm.Sm2, BaseUrl = "https://esign.example.cn" });
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Every_certificate_the_sm2_pki_issues_is_sm3withsm2_on_an_sm2_key_and_chains_to_the_root_for_openssl()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        var leaves = new[]
        {
            _pki.Seals[0].Key.Certificate, _pki.Officers[0].Key.Certificate, _pki.TimestampAuthorityKey.Certificate,
            _pki.OcspResponderKey.Certificate, applicant.Certificate,
        };
        foreach (var leaf in leaves)
        {
            var result = Sm2OpenSsl.VerifyChain(_dir, _pki.RootCa.Certificate, _pki.IssuingCa.Certificate, leaf);
            Assert.True(result.ExitCode == 0 && result.All.Contains(": OK"), $"{leaf.SubjectDN}: {result.All}");
            var text = ExternalTool.Succeed("openssl", "x509", "-noout", "-text", "-in", _dir.WritePem($"{Guid.NewGuid():N}.pem", leaf));
            Assert.Contains("Signature Algorithm: SM2-with-SM3", text);
            Assert.Contains("ASN1 OID: SM2", text);
        }
        var root = ExternalTool.Run("openssl", "verify", "-vfyopt", Sm2OpenSsl.DistId, "-CAfile", _dir.WritePem("root.pem", _pki.RootCa.Certificate), _dir.WritePem("root2.pem", _pki.RootCa.Certificate));
        Assert.Equal(0, root.ExitCode);
    }

    [Fact]
    public void The_signatures_use_the_gmt_0009_id_so_openssl_with_its_empty_default_id_rejects_them()
    {
        var result = Sm2OpenSsl.VerifyChain(_dir, _pki.RootCa.Certificate, _pki.IssuingCa.Certificate, _pki.Seals[0].Key.Certificate, withDistId: false);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("signature failure", result.All);
    }

    [Fact]
    public void A_revoked_sm2_certificate_is_listed_on_a_crl_whose_sm2_signature_value_openssl_verifies()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        _pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.KeyCompromise);
        var crl = _pki.GetCrl("issuing-ca");

        // OpenSSL 3.0 cannot give a CRL the GM/T 0009 ID (no distid option for CRLs), so its signature value is checked directly.
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, _pki.IssuingCa.Certificate, crl.GetTbsCertList(), crl.GetSignature()));
        Assert.False(Sm2OpenSsl.VerifySignatureValue(_dir, _pki.RootCa.Certificate, crl.GetTbsCertList(), crl.GetSignature()));
        var text = ExternalTool.Succeed("openssl", "crl", "-inform", "DER", "-noout", "-text", "-in", _dir.WriteBytes("issuing.crl", crl.GetEncoded()));
        Assert.Contains("Signature Algorithm: SM2-with-SM3", text);
        Assert.Contains(applicant.Certificate.SerialNumber.ToString(16).ToUpperInvariant(), text);
        Assert.Contains("Key Compromise", text);
    }

    [Fact]
    public void An_ocsp_answer_is_signed_by_the_sm2_responder_with_a_value_openssl_verifies()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        var request = new OcspReqGenerator();
        request.AddRequest(new CertificateID(CertificateID.DigestSha1, _pki.IssuingCa.Certificate, applicant.Certificate.SerialNumber));
        var response = new OcspResp(_pki.OcspResponder.Respond(request.Generate().GetEncoded()));
        var basic = (BasicOcspResp)response.GetResponseObject();

        Assert.Equal("1.2.156.10197.1.501", Org.BouncyCastle.Asn1.Ocsp.BasicOcspResponse.GetInstance(basic.GetEncoded()).SignatureAlgorithm.Algorithm.Id);
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, _pki.OcspResponderKey.Certificate, basic.GetTbsResponseData(), basic.GetSignature()));
        var tampered = basic.GetTbsResponseData();
        tampered[^1] ^= 1;
        Assert.False(Sm2OpenSsl.VerifySignatureValue(_dir, _pki.OcspResponderKey.Certificate, tampered, basic.GetSignature()));
    }

    [Fact]
    public void An_sm2_key_survives_a_pkcs8_round_trip_as_an_sm2_key()
    {
        using var key = InMemoryPrivateKey.Generate(KeyAlgorithm.Sm2);
        using var again = InMemoryPrivateKey.FromPkcs8(key.ExportPkcs8());
        Assert.Equal(KeyAlgorithm.Sm2, again.Algorithm);
        Assert.Equal(key.PublicKey, again.PublicKey);
        var text = ExternalTool.Succeed("openssl", "pkey", "-inform", "DER", "-in", _dir.WriteBytes("key.der", key.ExportPkcs8()), "-noout", "-text");
        Assert.Contains("ASN1 OID: SM2", text);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }
}
