using System.Formats.Asn1;
using System.Security.Cryptography;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// Checks one CMS SignerInfo: content digest against the message-digest attribute, the signature
/// value over the signed attributes, and the ESS signing-certificate(-v2) binding. Shared by PDF
/// signatures and RFC 3161 tokens (which are CMS SignedData too).
/// </summary>
public static class SignerInfoVerifier
{
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    public const string SigningCertificateOid = "1.2.840.113549.1.9.16.2.12";

    /// <summary>Checks a SignerInfo parsed by BouncyCastle (its encoding is read again as <see cref="SignerInfoParts"/>).</summary>
    public static SignerInfoOutcome Verify(
        SignerInformation signer,
        IReadOnlyList<X509Certificate> certificates,
        Func<HashAlgorithmName, byte[]> contentDigest,
        string expectedContentType,
        SignatureCheckCache? cache = null) =>
        Verify(CmsSignedDataReader.ReadSignerInfo(signer.SignerInfo.GetEncoded(Asn1Encodable.Der)), certificates, contentDigest, expectedContentType, cache);

    /// <param name="contentDigest">Computes the digest of the signed content with the SignerInfo's algorithm.</param>
    /// <param name="expectedContentType">The eContentType the content-type attribute must name (id-data for PDF, id-ct-TSTInfo for tokens).</param>
    /// <param name="cache">The verifier's caches of imported keys and certificate facts (null: nothing reused).</param>
    public static SignerInfoOutcome Verify(
        SignerInfoParts signer,
        IReadOnlyList<X509Certificate> certificates,
        Func<HashAlgorithmName, byte[]> contentDigest,
        string expectedContentType,
        SignatureCheckCache? cache = null)
    {
        var keys = cache?.Keys;
        var digestOid = signer.DigestAlgorithmOid;
        var algorithm = SignatureAlgorithms.Resolve(signer.SignatureAlgorithmOid, digestOid);
        var certificate = certificates.FirstOrDefault(c => SignerIdentifier.Matches(signer, c, cache?.Facts));
        var hasV2 = signer.Signed(SigningCertificateV2Oid) is not null;
        var signingTime = ReadSigningTime(signer.Signed(SigningTimeOid));

        var hash = DigestAlgorithms.FromOid(digestOid);
        if (hash is null || !DigestAlgorithms.IsStrongForContent(digestOid))
        {
            var unsupported = CheckResult.Fail(CheckKind.Integrity, $"digest algorithm {DigestAlgorithms.Name(digestOid)} is not accepted (SHA-256/384/512 only)");
            return new(certificate, digestOid, algorithm, unsupported,
                CheckResult.Unknown(CheckKind.CmsSignature, "not checked: digest algorithm not accepted"),
                CheckResult.Unknown(CheckKind.SigningCertificateBinding, "not checked"), hasV2, signingTime);
        }

        var digest = contentDigest(hash.Value);
        var integrity = signer.SignedAttributes is null
            ? CheckResult.Pass(CheckKind.Integrity, $"no signed attributes; {hash.Value.Name} digest checked by the signature value")
            : CheckIntegrity(signer, digest, hash.Value, expectedContentType);
        var signature = CheckSignature(signer, certificate, algorithm, digestOid, digest, keys);
        var binding = certificate is null
            ? CheckResult.Fail(CheckKind.SigningCertificateBinding, "the signer's certificate is not in the CMS")
            : CheckBinding(signer, certificate, cache?.Facts);
        return new(certificate, digestOid, algorithm, integrity, signature, binding, hasV2, signingTime);
    }

    private static CheckResult CheckIntegrity(SignerInfoParts signer, byte[] digest, HashAlgorithmName hash, string expectedContentType)
    {
        var messageDigest = signer.Signed(MessageDigestOid);
        if (messageDigest is null || messageDigest.Values.Count != 1)
        {
            return CheckResult.Fail(CheckKind.Integrity, "the message-digest attribute is missing");
        }
        var contentType = signer.Signed(ContentTypeOid);
        if (contentType is null || contentType.Values.Count != 1 || !IsOid(contentType.Values[0], expectedContentType))
        {
            return CheckResult.Fail(CheckKind.Integrity, $"the content-type attribute is missing or not {expectedContentType}");
        }
        byte[] claimed;
        try
        {
            claimed = AsnDecoder.ReadOctetString(messageDigest.Values[0].Span, AsnEncodingRules.BER, out _);
        }
        catch (AsnContentException)
        {
            return CheckResult.Fail(CheckKind.Integrity, "the message-digest attribute is not an OCTET STRING");
        }
        return CryptographicOperations.FixedTimeEquals(claimed, digest)
            ? CheckResult.Pass(CheckKind.Integrity, $"{hash.Name} of the signed bytes matches the message-digest attribute")
            : CheckResult.Fail(CheckKind.Integrity, $"{hash.Name} of the signed bytes does not match the message-digest attribute: the signed bytes were changed");
    }

    private static bool IsOid(ReadOnlyMemory<byte> value, string oid)
    {
        try
        {
            return KnownOids.Decode(value.Span) == oid;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static CheckResult CheckSignature(SignerInfoParts signer, X509Certificate? certificate, SignatureAlgorithm algorithm, string digestOid, byte[] digest, PublicKeyCache? keys)
    {
        if (certificate is null)
        {
            return CheckResult.Fail(CheckKind.CmsSignature, "the signer's certificate is not in the CMS: the signature cannot be checked");
        }
        try
        {
            var key = certificate.SubjectPublicKeyInfo;
            var signatureAlgorithm = SignatureAlgorithmIdentifier(signer);
            var ok = signer.SignedAttributesDer is null
                ? SignatureValueVerifier.VerifyDigest(key, signatureAlgorithm, digestOid, digest, signer.Signature, keys)
                : SignatureValueVerifier.Verify(key, signatureAlgorithm, digestOid, signer.SignedAttributesDer, signer.Signature, keys);
            return ok
                ? CheckResult.Pass(CheckKind.CmsSignature, $"{algorithm.DisplayName} signature value verified with the signer's public key")
                : CheckResult.Fail(CheckKind.CmsSignature, $"the {algorithm.DisplayName} signature value does not verify with the signer's public key");
        }
        catch (NotSupportedException e)
        {
            return CheckResult.Unknown(CheckKind.CmsSignature, e.Message);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            return CheckResult.Fail(CheckKind.CmsSignature, $"the signature value is malformed: {e.Message}");
        }
    }

    /// <summary>The signature algorithm for the key-level verifier; parameters are parsed only when present (RSASSA-PSS).</summary>
    private static AlgorithmIdentifier SignatureAlgorithmIdentifier(SignerInfoParts signer)
    {
        var reader = new AsnReader(signer.SignatureAlgorithm, AsnEncodingRules.BER).ReadSequence();
        KnownOids.Read(reader);
        if (!reader.HasData)
        {
            return new AlgorithmIdentifier(KnownOids.Identifier(signer.SignatureAlgorithmOid));
        }
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.Null))
        {
            return new AlgorithmIdentifier(KnownOids.Identifier(signer.SignatureAlgorithmOid), DerNull.Instance);
        }
        return AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(signer.SignatureAlgorithm.ToArray()));
    }

    private static CheckResult CheckBinding(SignerInfoParts signer, X509Certificate certificate, CertificateFactsCache? facts)
    {
        try
        {
            return CheckEssBinding(signer, certificate, facts?.Of(certificate).Encoded ?? certificate.GetEncoded());
        }
        catch (FormatException e)
        {
            return CheckResult.Fail(CheckKind.SigningCertificateBinding, e.Message);
        }
    }

    /// <param name="encoded">The certificate's DER, hashed here on every call (a copy shared per certificate, not a hash).</param>
    private static CheckResult CheckEssBinding(SignerInfoParts signer, X509Certificate certificate, byte[] encoded)
    {
        Span<byte> actual = stackalloc byte[64];
        if (signer.Signed(SigningCertificateV2Oid) is { } v2)
        {
            if (EssCertificateIds.First(v2, version2: true) is not { } id)
            {
                return CheckResult.Fail(CheckKind.SigningCertificateBinding, "signing-certificate-v2 names no certificate");
            }
            var hash = DigestAlgorithms.FromOid(id.HashOid);
            if (hash is null)
            {
                return CheckResult.Unknown(CheckKind.SigningCertificateBinding, $"signing-certificate-v2 uses unsupported hash {id.HashOid}");
            }
            var written = CryptographicOperations.HashData(hash.Value, encoded, actual);
            return Bound(actual[..written], id, certificate, "signing-certificate-v2");
        }
        if (signer.Signed(SigningCertificateOid) is { } v1)
        {
            return EssCertificateIds.First(v1, version2: false) is not { } id
                ? CheckResult.Fail(CheckKind.SigningCertificateBinding, "signing-certificate names no certificate")
                : Bound(actual[..SHA1.HashData(encoded, actual)], id, certificate, "signing-certificate (v1)");
        }
        return CheckResult.Skip(CheckKind.SigningCertificateBinding, "no signing-certificate attribute (not PAdES): the certificate is not bound by the signature");
    }

    private static CheckResult Bound(ReadOnlySpan<byte> actual, EssCertificateId claimed, X509Certificate certificate, string name)
    {
        if (!CryptographicOperations.FixedTimeEquals(actual, claimed.Hash))
        {
            return CheckResult.Fail(CheckKind.SigningCertificateBinding, $"{name} does not match the signer's certificate (certificate substituted?)");
        }
        if (claimed.Serial is { } serial && !new Org.BouncyCastle.Math.BigInteger(serial).Equals(certificate.SerialNumber))
        {
            return CheckResult.Fail(CheckKind.SigningCertificateBinding, $"{name} names a different serial number");
        }
        return CheckResult.Pass(CheckKind.SigningCertificateBinding, $"{name} binds the signer's certificate");
    }

    private static DateTimeOffset? ReadSigningTime(CmsAttributeParts? attribute)
    {
        if (attribute is null || attribute.Values.Count != 1)
        {
            return null;
        }
        try
        {
            var reader = new AsnReader(attribute.Values[0], AsnEncodingRules.BER);
            return reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
