using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Authority;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// Who signs OCSP answers about the certificates of <paramref name="Authority"/>: the CA itself
/// (<paramref name="ResponderCertificate"/> null) or a delegated responder certificate it issued
/// with the OCSPSigning EKU, so the CA key need not be online for every query.
/// </summary>
public sealed record OcspSigner(CertificateAuthority Authority, IPrivateKey Key, X509Certificate? ResponderCertificate)
{
    public static OcspSigner ByAuthority(CertificateAuthority authority) => new(authority, authority.Key, null);

    public X509Certificate SigningCertificate => ResponderCertificate ?? Authority.Certificate;
}
