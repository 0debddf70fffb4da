using Org.BouncyCastle.X509;

namespace OneThing.Seal.Crypto.Certificates;

/// <summary>
/// The decoded parts of a certificate that matching and binding a SignerInfo read. BouncyCastle re-encodes
/// them on every call, so a verifier that meets the same certificates in every document hands in its cache.
/// </summary>
public interface ICertificateParts
{
    /// <summary>The DER of the issuer name.</summary>
    byte[] IssuerName(X509Certificate certificate);

    byte[]? SubjectKeyIdentifier(X509Certificate certificate);

    /// <summary>The certificate's DER (shared: do not modify).</summary>
    byte[] Encoded(X509Certificate certificate);
}
