using System.Security.Cryptography;

namespace OneThing.Seal.Crypto.Algorithms;

/// <summary>The signature schemes the verifier understands, resolved from CMS/X.509 algorithm OIDs.</summary>
public enum SignatureScheme
{
    RsaPkcs1,
    RsaPss,
    Ecdsa,
    /// <summary>SM2 (GB/T 32918) over SM3 with the signer's Z value, distinguishing ID 1234567812345678 (GM/T 0009).</summary>
    Sm2,
    /// <summary>Anything else BouncyCastle knows by OID; verified through its generic signer.</summary>
    Other,
}

/// <summary>A resolved signature algorithm: the scheme and the hash it signs with.</summary>
public sealed record SignatureAlgorithm(SignatureScheme Scheme, HashAlgorithmName? Hash, string Oid, string DisplayName);

internal static class SignatureAlgorithms
{
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string EcPublicKey = "1.2.840.10045.2.1";

    /// <summary>SM3withSM2 (GM/T 0006), the X.509 signature algorithm of SM2 certificates, CRLs and OCSP responses.</summary>
    public const string Sm3WithSm2 = "1.2.156.10197.1.501";

    /// <summary>sm2-1, the SM2 signature algorithm GM/T 0010 puts in a CMS SignerInfo (the digest, SM3, is named beside it).</summary>
    public const string Sm2Sign = "1.2.156.10197.1.301.1";

    /// <summary>Resolves a signature algorithm; <paramref name="digestOid"/> supplies the hash when the OID names only the key type.</summary>
    public static SignatureAlgorithm Resolve(string oid, string? digestOid)
    {
        var digest = digestOid is null ? null : DigestAlgorithms.FromOid(digestOid);
        return oid switch
        {
            RsaEncryption => new(SignatureScheme.RsaPkcs1, digest, oid, $"RSA PKCS#1 v1.5 with {digest?.Name}"),
            "1.2.840.113549.1.1.5" => new(SignatureScheme.RsaPkcs1, HashAlgorithmName.SHA1, oid, "SHA1withRSA"),
            "1.2.840.113549.1.1.11" => new(SignatureScheme.RsaPkcs1, HashAlgorithmName.SHA256, oid, "SHA256withRSA"),
            "1.2.840.113549.1.1.12" => new(SignatureScheme.RsaPkcs1, HashAlgorithmName.SHA384, oid, "SHA384withRSA"),
            "1.2.840.113549.1.1.13" => new(SignatureScheme.RsaPkcs1, HashAlgorithmName.SHA512, oid, "SHA512withRSA"),
            RsaPss => new(SignatureScheme.RsaPss, digest, oid, "RSASSA-PSS"),
            EcPublicKey => new(SignatureScheme.Ecdsa, digest, oid, $"ECDSA with {digest?.Name}"),
            "1.2.840.10045.4.3.2" => new(SignatureScheme.Ecdsa, HashAlgorithmName.SHA256, oid, "SHA256withECDSA"),
            "1.2.840.10045.4.3.3" => new(SignatureScheme.Ecdsa, HashAlgorithmName.SHA384, oid, "SHA384withECDSA"),
            "1.2.840.10045.4.3.4" => new(SignatureScheme.Ecdsa, HashAlgorithmName.SHA512, oid, "SHA512withECDSA"),
            Sm3WithSm2 => new(SignatureScheme.Sm2, Algorithms.DigestAlgorithms.Sm3Name, oid, "SM2 with SM3"),
            Sm2Sign when digestOid is null or DigestAlgorithms.Sm3 => new(SignatureScheme.Sm2, Algorithms.DigestAlgorithms.Sm3Name, oid, "SM2 with SM3"),
            _ => new(SignatureScheme.Other, digest, oid, oid),
        };
    }
}
