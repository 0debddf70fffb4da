using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>Algorithm identifiers for the CMS SignerInfo: SHA-256 with RSA/ECDSA, SM3 with SM2.</summary>
public static class SignerInfoAlgorithms
{
    public const string Sm3WithSm2Name = "SM3WITHSM2";

    public static AlgorithmIdentifier Sha256 { get; } = new(NistObjectIdentifiers.IdSha256);

    public static AlgorithmIdentifier Sm3 { get; } = new(GMObjectIdentifiers.sm3);

    public static bool IsSm2(string signatureAlgorithm) => string.Equals(signatureAlgorithm, Sm3WithSm2Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The digest a signature algorithm signs with: SM3 for SM2, SHA-256 otherwise.</summary>
    public static AlgorithmIdentifier DigestFor(string signatureAlgorithm) => IsSm2(signatureAlgorithm) ? Sm3 : Sha256;

    /// <summary>The hash name of <see cref="DigestFor"/>, for hashing the signed content.</summary>
    public static System.Security.Cryptography.HashAlgorithmName HashFor(string signatureAlgorithm) =>
        IsSm2(signatureAlgorithm) ? Algorithms.DigestAlgorithms.Sm3Name : System.Security.Cryptography.HashAlgorithmName.SHA256;

    public static AlgorithmIdentifier For(string signatureAlgorithm) => signatureAlgorithm.ToUpperInvariant() switch
    {
        "SHA256WITHECDSA" => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
        "SHA256WITHRSA" => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
        // GM/T 0010 §8 names the signature algorithm sm2-1 (1.2.156.10197.1.301.1) beside the SM3 digestAlgorithm.
        Sm3WithSm2Name => new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign),
        _ => Org.BouncyCastle.Operators.Utilities.DefaultSignatureAlgorithmFinder.Instance.Find(signatureAlgorithm),
    };
}
