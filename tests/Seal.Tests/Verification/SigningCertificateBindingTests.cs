using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Pdf;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Document;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Tests.Verification;

/// <summary>The ESS signing-certificate(-v2) attribute binds the signer's certificate, with the verifier's caches and without.</summary>
public sealed class SigningCertificateBindingTests(SignedContractFixture contract) : IClassFixture<SignedContractFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_signing_certificate_binding_holds_for_the_signer_and_fails_for_a_changed_hash(bool withCaches)
    {
        var cache = withCaches ? new OneThing.Seal.Verification.Trust.SignatureCheckCache(Microsoft.Extensions.Options.Options.Create(new OneThing.Seal.Verification.VerificationOptions())) : null;
        var cms = CmsContents.Parse(Entries()[0].Contents!);
        var certificates = cms.Certificates.Select(c => new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(c.ToArray())).ToList();
        var signer = cms.Signers.Single();
        static byte[] NoDigest(System.Security.Cryptography.HashAlgorithmName _) => new byte[32];

        var genuine = SignerInfoVerifier.Verify(signer, certificates, NoDigest, "1.2.840.113549.1.7.1", cache);
        // The same attribute with the last byte of the certificate's SHA-256 flipped (as if another certificate were bound).
        var v2 = signer.Signed(SignerInfoVerifier.SigningCertificateV2Oid)!;
        var changed = v2.Values[0].ToArray();
        var hashAt = changed.AsSpan().IndexOf(new byte[] { 0x04, 0x20 }) + 2;
        changed[hashAt + 31] ^= 0x01;
        var tampered = signer with
        {
            SignedAttributes = [.. signer.SignedAttributes!.Select(a => a.Oid == v2.Oid ? new CmsAttributeParts(a.Oid, [changed]) : a)],
        };
        var substituted = SignerInfoVerifier.Verify(tampered, certificates, NoDigest, "1.2.840.113549.1.7.1", cache);

        Assert.Equal(CheckStatus.Passed, genuine.CertificateBinding.Status);
        Assert.Equal(CheckStatus.Failed, substituted.CertificateBinding.Status);
        Assert.Contains("does not match the signer's certificate", substituted.CertificateBinding.Detail);
    }

    private IReadOnlyList<SignatureEntry> Entries() => SignatureEntryReader.Read(PdfDocumentReader.Open(contract.Signed));
}
