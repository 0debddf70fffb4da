using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Cms;

/// <summary>Whether a certificate is the one a SignerInfo's sid names (issuer and serial number, or subject key identifier).</summary>
public static class SignerIdentifier
{
    /// <param name="facts">Decoded certificate names and identifiers to reuse (null: decode here).</param>
    public static bool Matches(SignerInfoParts signer, X509Certificate certificate, CertificateFactsCache? facts = null)
    {
        if (signer.SerialNumber is { } serial && signer.IssuerName is { } issuer)
        {
            if (!new Org.BouncyCastle.Math.BigInteger(serial).Equals(certificate.SerialNumber))
            {
                return false;
            }
            if (facts is not null && issuer.Span.SequenceEqual(facts.Of(certificate).IssuerName))
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
            && (facts is null ? KeyIdentifiers.Subject(certificate) : facts.Of(certificate).SubjectKeyIdentifier) is { } subject
            && subject.AsSpan().SequenceEqual(keyIdentifier);
    }
}
