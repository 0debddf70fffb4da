using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Crypto.Certificates;

/// <summary>
/// Whether a certificate carries its issuer's signature. RSA and ECDSA are checked through .NET
/// (OpenSSL), several times faster than BouncyCastle's managed arithmetic, which the signing path
/// would otherwise spend on every issuer lookup; other schemes fall back to BouncyCastle.
/// </summary>
public static class CertificateSignature
{
    public static bool IsSignedBy(X509Certificate certificate, X509Certificate issuer)
    {
        var structure = certificate.CertificateStructure;
        if (!structure.SignatureAlgorithm.Equals(structure.TbsCertificate.Signature))
        {
            return false;
        }
        try
        {
            return SignatureValueVerifier.Verify(issuer.CertificateStructure.SubjectPublicKeyInfo, structure.SignatureAlgorithm, null,
                certificate.GetTbsCertificate(), certificate.GetSignature());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A key that does not fit the algorithm, or a malformed key or certificate (they may come
            // from a TSA's or OCSP responder's answer): whatever the reason, not signed by this issuer.
            return false;
        }
    }
}
