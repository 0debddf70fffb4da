using System.Security.Cryptography;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// Checks one CMS SignerInfo: content digest against the message-digest attribute, the signature
/// value over the signed attributes, and the ESS signing-certificate(-v2) binding. Shared by PDF
/// signatures and RFC 3161 tokens (which are CMS SignedData too).
/// </summary>
public static class SignerInfoVerifier
{
    /// <param name="contentDigest">Computes the digest of the signed content with the SignerInfo's algorithm.</param>
    /// <param name="expectedContentType">The eContentType the content-type attribute must name (id-data for PDF, id-ct-TSTInfo for tokens).</param>
    public static SignerInfoOutcome Verify(
        SignerInformation signer,
        IReadOnlyList<X509Certificate> certificates,
        Func<HashAlgorithmName, byte[]> contentDigest,
        string expectedContentType,
        PublicKeyCache? keys = null)
    {
        var digestOid = signer.DigestAlgorithmID.Algorithm.Id;
        var algorithm = SignatureAlgorithms.Resolve(signer.SignatureAlgorithm.Algorithm.Id, digestOid);
        var certificate = certificates.FirstOrDefault(c => signer.SignerID.Match(c));
        var attributes = signer.SignedAttributes;
        var hasV2 = attributes?[PkcsObjectIdentifiers.IdAASigningCertificateV2] is not null;
        var signingTime = ReadSigningTime(attributes);

        var hash = DigestAlgorithms.FromOid(digestOid);
        if (hash is null || !DigestAlgorithms.IsStrongForContent(digestOid))
        {
            var unsupported = CheckResult.Fail(CheckKind.Integrity, $"digest algorithm {DigestAlgorithms.Name(digestOid)} is not accepted (SHA-256/384/512 only)");
            return new(certificate, digestOid, algorithm, unsupported,
                CheckResult.Unknown(CheckKind.CmsSignature, "not checked: digest algorithm not accepted"),
                CheckResult.Unknown(CheckKind.SigningCertificateBinding, "not checked"), hasV2, signingTime);
        }

        var digest = contentDigest(hash.Value);
        var integrity = attributes is null
            ? CheckResult.Pass(CheckKind.Integrity, $"no signed attributes; {hash.Value.Name} digest checked by the signature value")
            : CheckIntegrity(attributes, digest, hash.Value, expectedContentType);
        var signature = CheckSignature(signer, certificate, algorithm, digestOid, digest, keys);
        var binding = certificate is null
            ? CheckResult.Fail(CheckKind.SigningCertificateBinding, "the signer's certificate is not in the CMS")
            : CheckBinding(attributes, certificate);
        return new(certificate, digestOid, algorithm, integrity, signature, binding, hasV2, signingTime);
    }

    private static CheckResult CheckIntegrity(Org.BouncyCastle.Asn1.Cms.AttributeTable attributes, byte[] digest, HashAlgorithmName hash, string expectedContentType)
    {
        var messageDigest = attributes[CmsAttributes.MessageDigest];
        if (messageDigest is null || messageDigest.AttrValues.Count != 1)
        {
            return CheckResult.Fail(CheckKind.Integrity, "the message-digest attribute is missing");
        }
        var contentType = attributes[CmsAttributes.ContentType];
        if (contentType is null || contentType.AttrValues.Count != 1
            || DerObjectIdentifier.GetInstance(contentType.AttrValues[0]).Id != expectedContentType)
        {
            return CheckResult.Fail(CheckKind.Integrity, $"the content-type attribute is missing or not {expectedContentType}");
        }
        var claimed = Asn1OctetString.GetInstance(messageDigest.AttrValues[0]).GetOctets();
        return CryptographicOperations.FixedTimeEquals(claimed, digest)
            ? CheckResult.Pass(CheckKind.Integrity, $"{hash.Name} of the signed bytes matches the message-digest attribute")
            : CheckResult.Fail(CheckKind.Integrity, $"{hash.Name} of the signed bytes does not match the message-digest attribute: the signed bytes were changed");
    }

    private static CheckResult CheckSignature(SignerInformation signer, X509Certificate? certificate, SignatureAlgorithm algorithm, string digestOid, byte[] digest, PublicKeyCache? keys)
    {
        if (certificate is null)
        {
            return CheckResult.Fail(CheckKind.CmsSignature, "the signer's certificate is not in the CMS: the signature cannot be checked");
        }
        try
        {
            var key = certificate.SubjectPublicKeyInfo;
            var value = signer.GetSignature();
            var ok = signer.SignedAttributes is null
                ? SignatureValueVerifier.VerifyDigest(key, signer.SignatureAlgorithm, digestOid, digest, value, keys)
                : SignatureValueVerifier.Verify(key, signer.SignatureAlgorithm, digestOid, signer.GetEncodedSignedAttributes(), value, keys);
            return ok
                ? CheckResult.Pass(CheckKind.CmsSignature, $"{algorithm.DisplayName} signature value verified with the signer's public key")
                : CheckResult.Fail(CheckKind.CmsSignature, $"the {algorithm.DisplayName} signature value does not verify with the signer's public key");
        }
        catch (NotSupportedException e)
        {
            return CheckResult.Unknown(CheckKind.CmsSignature, e.Message);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            return CheckResult.Fail(CheckKind.CmsSignature, $"the signature value is malformed: {e.Message}");
        }
    }

    private static CheckResult CheckBinding(Org.BouncyCastle.Asn1.Cms.AttributeTable? attributes, X509Certificate certificate)
    {
        var v2 = attributes?[PkcsObjectIdentifiers.IdAASigningCertificateV2];
        if (v2 is not null)
        {
            var id = SigningCertificateV2.GetInstance(v2.AttrValues[0]).GetCerts().FirstOrDefault();
            if (id is null)
            {
                return CheckResult.Fail(CheckKind.SigningCertificateBinding, "signing-certificate-v2 names no certificate");
            }
            var hashOid = id.HashAlgorithm?.Algorithm.Id ?? DigestAlgorithms.Sha256;
            var hash = DigestAlgorithms.FromOid(hashOid);
            if (hash is null)
            {
                return CheckResult.Unknown(CheckKind.SigningCertificateBinding, $"signing-certificate-v2 uses unsupported hash {hashOid}");
            }
            return Bound(DigestAlgorithms.Hash(hash.Value, certificate.GetEncoded()), id.GetCertHash(), id.IssuerSerial, certificate, "signing-certificate-v2");
        }
        var v1 = attributes?[PkcsObjectIdentifiers.IdAASigningCertificate];
        if (v1 is not null)
        {
            var id = SigningCertificate.GetInstance(v1.AttrValues[0]).GetCerts().FirstOrDefault();
            return id is null
                ? CheckResult.Fail(CheckKind.SigningCertificateBinding, "signing-certificate names no certificate")
                : Bound(SHA1.HashData(certificate.GetEncoded()), id.GetCertHash(), id.IssuerSerial, certificate, "signing-certificate (v1)");
        }
        return CheckResult.Skip(CheckKind.SigningCertificateBinding, "no signing-certificate attribute (not PAdES): the certificate is not bound by the signature");
    }

    private static CheckResult Bound(byte[] actual, byte[] claimed, Org.BouncyCastle.Asn1.X509.IssuerSerial? issuerSerial, X509Certificate certificate, string name)
    {
        if (!CryptographicOperations.FixedTimeEquals(actual, claimed))
        {
            return CheckResult.Fail(CheckKind.SigningCertificateBinding, $"{name} does not match the signer's certificate (certificate substituted?)");
        }
        if (issuerSerial is not null && !issuerSerial.Serial.Value.Equals(certificate.SerialNumber))
        {
            return CheckResult.Fail(CheckKind.SigningCertificateBinding, $"{name} names a different serial number");
        }
        return CheckResult.Pass(CheckKind.SigningCertificateBinding, $"{name} binds the signer's certificate");
    }

    private static DateTimeOffset? ReadSigningTime(Org.BouncyCastle.Asn1.Cms.AttributeTable? attributes)
    {
        CmsAttribute? attribute = attributes?[CmsAttributes.SigningTime];
        if (attribute is null || attribute.AttrValues.Count != 1)
        {
            return null;
        }
        try
        {
            return new DateTimeOffset(Time.GetInstance(attribute.AttrValues[0]).ToDateTime().ToUniversalTime(), TimeSpan.Zero);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
