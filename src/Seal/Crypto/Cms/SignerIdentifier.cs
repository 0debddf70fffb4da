using OneThing.Seal.Crypto.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>Whether a certificate is the one a SignerInfo's sid names (issuer and serial number, or subject key identifier).</summary>
internal static class SignerIdentifier
{
    /// <param name="parts">Decoded certificate names and identifiers to reuse (null: decode here).</param>
    public static bool Matches(SignerInfoParts signer, X509Certificate certificate, ICertificateParts? parts = null)
    {
        if (signer.SerialNumber is { } serial && signer.IssuerName is { } issuer)
        {
            if (!new Org.BouncyCastle.Math.BigInteger(serial).Equals(certificate.SerialNumber))
            {
                return false;
            }
            if (parts is not null && issuer.Span.SequenceEqual(parts.IssuerName(certificate)))
            {
                return true;
            }
            try
            {
                return X509Name.GetInstance(Asn1Object.FromByteArray(issuer.ToArray())).Equivalent(certificate.IssuerDN, true);
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
            {
                return false;
            }
        }
        return signer.SubjectKeyIdentifier is { } keyIdentifier
            && (parts is null ? KeyIdentifiers.Subject(certificate) : parts.SubjectKeyIdentifier(certificate)) is { } subject
            && subject.AsSpan().SequenceEqual(keyIdentifier);
    }
}
