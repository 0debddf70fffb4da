using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Pki;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Crypto;

/// <summary>An issuer is recognised by its signature on the certificate, never by its name alone.</summary>
public sealed class CertificateSignatureTests : IDisposable
{
    private readonly ProductPki _pki = ProductPki.CreateInMemory();
    private readonly ProductPki _lookAlike = ProductPki.CreateInMemory();

    [Fact]
    public void A_certificate_is_signed_by_its_issuing_CA_and_that_CA_by_the_root()
    {
        var signer = _pki.IssueSignerKey("张三", "510603199001011231").Certificate;

        Assert.True(CertificateSignature.IsSignedBy(signer, _pki.IssuingCa.Certificate));
        Assert.True(CertificateSignature.IsSignedBy(_pki.IssuingCa.Certificate, _pki.RootCa.Certificate));
        Assert.True(_pki.IssuingCa.IsIssuerOf(signer));
    }

    [Fact]
    public void A_CA_with_the_same_name_but_another_key_is_not_the_issuer()
    {
        var signer = _pki.IssueSignerKey("张三", "510603199001011231").Certificate;

        Assert.Equal(_pki.IssuingCa.Certificate.SubjectDN, _lookAlike.IssuingCa.Certificate.SubjectDN);
        Assert.False(CertificateSignature.IsSignedBy(signer, _lookAlike.IssuingCa.Certificate));
        Assert.False(_lookAlike.IssuingCa.IsIssuerOf(signer));
        Assert.False(CertificateSignature.IsSignedBy(signer, _pki.RootCa.Certificate));
    }

    [Fact]
    public void A_certificate_changed_after_issue_no_longer_carries_the_issuer_signature()
    {
        var encoded = _pki.IssueSignerKey("张三", "510603199001011231").Certificate.GetEncoded();
        var name = System.Text.Encoding.UTF8.GetBytes("张三");
        var at = encoded.AsSpan().IndexOf(name);
        Assert.True(at > 0);
        encoded[at + 2] ^= 0x01; // 三 becomes another character in the subject

        var tampered = new X509Certificate(encoded);
        Assert.False(CertificateSignature.IsSignedBy(tampered, _pki.IssuingCa.Certificate));
    }

    public void Dispose()
    {
        _pki.Dispose();
        _lookAlike.Dispose();
    }
}
