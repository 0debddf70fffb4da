using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Signing;

internal static class CertificateNames
{
    public static string? CommonName(X509Certificate certificate) =>
        certificate.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault();
}
