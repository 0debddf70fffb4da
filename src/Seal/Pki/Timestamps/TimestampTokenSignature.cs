using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Cms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// The checks of BouncyCastle's <c>TimeStampToken.Validate</c> (certificate valid at genTime, message digest,
/// content type, signature value, ESS signing-certificate hash, serial and issuer) with the signature
/// verified through .NET (OpenSSL): BouncyCastle's managed ECDSA verify was most of a B-T timestamp's cost.
/// </summary>
internal static class TimestampTokenSignature
{
    /// <summary>
    /// True only when every check passed. False means "not proven here" (a failure or a scheme this path
    /// does not handle); the caller then runs BouncyCastle's validation, which decides and explains.
    /// </summary>
    public static bool Verifies(TimeStampToken token, X509Certificate tsaCertificate)
    {
        try
        {
            if (!tsaCertificate.IsValid(token.TimeStampInfo.GenTime))
            {
                return false;
            }

            var signedData = token.ToCmsSignedData();
            var signers = signedData.GetSignerInfos().GetSigners();
            if (signers.Count != 1 || signers[0].SignedAttributes is null)
            {
                return false;
            }

            var content = Asn1OctetString.GetInstance(signedData.SignedData.EncapContentInfo.Content).GetOctets();
            var outcome = SignerInfoChecker.Verify(signers[0], [tsaCertificate], hash => DigestAlgorithms.Hash(hash, content), PkcsObjectIdentifiers.IdCTTstInfo.Id);
            return outcome.Integrity.Passed
                && outcome.Signature.Passed
                && outcome.CertificateBinding.Passed
                && IssuerMatches(signers[0].SignedAttributes, tsaCertificate);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidCastException or InvalidOperationException or IOException or NotSupportedException)
        {
            return false;
        }
    }

    // BouncyCastle also requires the ESS IssuerSerial's issuer (when present) to name the certificate's issuer.
    private static bool IssuerMatches(Org.BouncyCastle.Asn1.Cms.AttributeTable attributes, X509Certificate certificate)
    {
        IssuerSerial? issuerSerial;
        if (attributes[PkcsObjectIdentifiers.IdAASigningCertificateV2] is { } v2)
        {
            issuerSerial = SigningCertificateV2.GetInstance(v2.AttrValues[0]).GetCerts()[0].IssuerSerial;
        }
        else if (attributes[PkcsObjectIdentifiers.IdAASigningCertificate] is { } v1)
        {
            issuerSerial = SigningCertificate.GetInstance(v1.AttrValues[0]).GetCerts()[0].IssuerSerial;
        }
        else
        {
            return false;
        }

        return issuerSerial is null || issuerSerial.Issuer.GetNames().Any(name =>
            name.TagNo == GeneralName.DirectoryName && X509Name.GetInstance(name.Name).Equivalent(certificate.IssuerDN));
    }
}
