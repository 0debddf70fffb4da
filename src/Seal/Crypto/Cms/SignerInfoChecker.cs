using System.Formats.Asn1;
using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Asn1;
using OneThing.Seal.Crypto.Certificates;
using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>
/// Checks one CMS SignerInfo: content digest against the message-digest attribute, the signature
/// value over the signed attributes, and the ESS signing-certificate(-v2) binding. Shared by PDF
/// signatures and RFC 3161 tokens (which are CMS SignedData too): the verifier reports each check, the
/// timestamp client only asks whether all passed.
/// </summary>
public static class SignerInfoChecker
{
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    public const string SigningCertificateOid = "1.2.840.113549.1.9.16.2.12";

    /// <summary>Checks a SignerInfo parsed by BouncyCastle (its encoding is read again as <see cref="SignerInfoParts"/>).</summary>
    public static SignerInfoCheck Verify(
        SignerInformation signer,
        IReadOnlyList<X509Certificate> certificates,
        Func<HashAlgorithmName, byte[]> contentDigest,
        string expectedContentType,
        PublicKeyCache? keys = null,
        ICertificateParts? parts = null) =>
        Verify(CmsSignedDataReader.ReadSignerInfo(signer.SignerInfo.GetEncoded(Asn1Encodable.Der)), certificates, contentDigest, expectedContentType, keys, parts);

    /// <param name="contentDigest">Computes the digest of the signed content with the SignerInfo's algorithm.</param>
    /// <param name="expectedContentType">The eContentType the content-type attribute must name (id-data for PDF, id-ct-TSTInfo for tokens).</param>
    /// <param name="keys">Imported public keys to reuse (null: import here).</param>
    /// <param name="parts">Decoded certificate parts to reuse (null: decode here).</param>
    public static SignerInfoCheck Verify(
        SignerInfoParts signer,
        IReadOnlyList<X509Certificate> certificates,
        Func<HashAlgorithmName, byte[]> contentDigest,
        string expectedContentType,
        PublicKeyCache? keys = null,
        ICertificateParts? parts = null)
    {
        var digestOid = signer.DigestAlgorithmOid;
        var algorithm = SignatureAlgorithms.Resolve(signer.SignatureAlgorithmOid, digestOid);
        var certificate = certificates.FirstOrDefault(c => SignerIdentifier.Matches(signer, c, parts));
        var hasV2 = signer.Signed(SigningCertificateV2Oid) is not null;
        var signingTime = ReadSigningTime(signer.Signed(SigningTimeOid));

        var hash = DigestAlgorithms.FromOid(digestOid);
        if (hash is null || !DigestAlgorithms.IsStrongForContent(digestOid))
        {
            var unsupported = CmsCheck.Fail($"digest algorithm {DigestAlgorithms.Name(digestOid)} is not accepted (SHA-256/384/512 or SM3 only)");
            return new(certificate, digestOid, algorithm, unsupported,
                CmsCheck.Unknown("not checked: digest algorithm not accepted"),
                CmsCheck.Unknown("not checked"), hasV2, signingTime);
        }

        var digest = contentDigest(hash.Value);
        var integrity = signer.SignedAttributes is null
            ? CmsCheck.Pass($"no signed attributes; {hash.Value.Name} digest checked by the signature value")
            : CheckIntegrity(signer, digest, hash.Value, expectedContentType);
        var signature = CheckSignature(signer, certificate, algorithm, digestOid, digest, keys);
        var binding = certificate is null
            ? CmsCheck.Fail("the signer's certificate is not in the CMS")
            : CheckBinding(signer, certificate, parts);
        return new(certificate, digestOid, algorithm, integrity, signature, binding, hasV2, signingTime);
    }

    private static CmsCheck CheckIntegrity(SignerInfoParts signer, byte[] digest, HashAlgorithmName hash, string expectedContentType)
    {
        var messageDigest = signer.Signed(MessageDigestOid);
        if (messageDigest is null || messageDigest.Values.Count != 1)
        {
            return CmsCheck.Fail("the message-digest attribute is missing");
        }
        var contentType = signer.Signed(ContentTypeOid);
        if (contentType is null || contentType.Values.Count != 1 || !IsOid(contentType.Values[0], expectedContentType))
        {
            return CmsCheck.Fail($"the content-type attribute is missing or not {expectedContentType}");
        }
        byte[] claimed;
        try
        {
            claimed = AsnDecoder.ReadOctetString(messageDigest.Values[0].Span, AsnEncodingRules.BER, out _);
        }
        catch (AsnContentException)
        {
            return CmsCheck.Fail("the message-digest attribute is not an OCTET STRING");
        }
        return CryptographicOperations.FixedTimeEquals(claimed, digest)
            ? CmsCheck.Pass($"{hash.Name} of the signed bytes matches the message-digest attribute")
            : CmsCheck.Fail($"{hash.Name} of the signed bytes does not match the message-digest attribute: the signed bytes were changed");
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

    private static CmsCheck CheckSignature(SignerInfoParts signer, X509Certificate? certificate, SignatureAlgorithm algorithm, string digestOid, byte[] digest, PublicKeyCache? keys)
    {
        if (certificate is null)
        {
            return CmsCheck.Fail("the signer's certificate is not in the CMS: the signature cannot be checked");
        }
        try
        {
            var key = certificate.SubjectPublicKeyInfo;
            var signatureAlgorithm = SignatureAlgorithmIdentifier(signer);
            var ok = signer.SignedAttributesDer is null
                ? SignatureValueVerifier.VerifyDigest(key, signatureAlgorithm, digestOid, digest, signer.Signature, keys)
                : SignatureValueVerifier.Verify(key, signatureAlgorithm, digestOid, signer.SignedAttributesDer, signer.Signature, keys);
            return ok
                ? CmsCheck.Pass($"{algorithm.DisplayName} signature value verified with the signer's public key")
                : CmsCheck.Fail($"the {algorithm.DisplayName} signature value does not verify with the signer's public key");
        }
        catch (NotSupportedException e)
        {
            return CmsCheck.Unknown(e.Message);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            return CmsCheck.Fail($"the signature value is malformed: {e.Message}");
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

    private static CmsCheck CheckBinding(SignerInfoParts signer, X509Certificate certificate, ICertificateParts? parts)
    {
        try
        {
            return CheckEssBinding(signer, certificate, parts?.Encoded(certificate) ?? certificate.GetEncoded());
        }
        catch (FormatException e)
        {
            return CmsCheck.Fail(e.Message);
        }
    }

    /// <param name="encoded">The certificate's DER, hashed here on every call (a copy shared per certificate, not a hash).</param>
    private static CmsCheck CheckEssBinding(SignerInfoParts signer, X509Certificate certificate, byte[] encoded)
    {
        Span<byte> actual = stackalloc byte[64];
        if (signer.Signed(SigningCertificateV2Oid) is { } v2)
        {
            if (EssCertificateIds.First(v2, version2: true) is not { } id)
            {
                return CmsCheck.Fail("signing-certificate-v2 names no certificate");
            }
            var hash = DigestAlgorithms.FromOid(id.HashOid);
            if (hash is null)
            {
                return CmsCheck.Unknown($"signing-certificate-v2 uses unsupported hash {id.HashOid}");
            }
            var written = DigestAlgorithms.HashInto(hash.Value, encoded, actual);
            return Bound(actual[..written], id, certificate, "signing-certificate-v2");
        }
        if (signer.Signed(SigningCertificateOid) is { } v1)
        {
            return EssCertificateIds.First(v1, version2: false) is not { } id
                ? CmsCheck.Fail("signing-certificate names no certificate")
                : Bound(actual[..SHA1.HashData(encoded, actual)], id, certificate, "signing-certificate (v1)");
        }
        return CmsCheck.Skip("no signing-certificate attribute (not PAdES): the certificate is not bound by the signature");
    }

    private static CmsCheck Bound(ReadOnlySpan<byte> actual, EssCertificateId claimed, X509Certificate certificate, string name)
    {
        if (!CryptographicOperations.FixedTimeEquals(actual, claimed.Hash))
        {
            return CmsCheck.Fail($"{name} does not match the signer's certificate (certificate substituted?)");
        }
        if (claimed.Serial is { } serial && !new Org.BouncyCastle.Math.BigInteger(serial).Equals(certificate.SerialNumber))
        {
            return CmsCheck.Fail($"{name} names a different serial number");
        }
        return CmsCheck.Pass($"{name} binds the signer's certificate");
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
