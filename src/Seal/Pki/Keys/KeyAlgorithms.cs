using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace OneThing.Seal.Pki.Keys;

/// <summary>Names and identifiers that go with each <see cref="KeyAlgorithm"/>.</summary>
internal static class KeyAlgorithms
{
    public const string EcdsaWithSha256 = "SHA256WITHECDSA";
    public const string RsaWithSha256 = "SHA256WITHRSA";

    public const string Sm3WithSm2 = "SM3WITHSM2";

    public static bool IsEcdsa(this KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.EcdsaP256;

    public static bool IsRsa(this KeyAlgorithm algorithm) => algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072;

    public static string SignatureAlgorithmName(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => EcdsaWithSha256,
        KeyAlgorithm.Sm2 => Sm3WithSm2,
        _ => RsaWithSha256,
    };

    /// <summary>
    /// The X.509 AlgorithmIdentifier of a signature with this key type: SHA-256 with ECDSA or RSA (RSA carries
    /// NULL parameters), SM3withSM2 (1.2.156.10197.1.501, absent parameters, as GM/T 0015 and OpenSSL write it).
    /// </summary>
    public static AlgorithmIdentifier SignatureAlgorithmIdentifier(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
        KeyAlgorithm.Sm2 => new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3),
        _ => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
    };

    public static int RsaKeySize(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => 2048,
        KeyAlgorithm.Rsa3072 => 3072,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an RSA algorithm"),
    };

    /// <summary>Recognises the algorithm of a BouncyCastle public key; only the supported kinds are accepted.</summary>
    public static KeyAlgorithm FromPublicKey(AsymmetricKeyParameter publicKey) => publicKey switch
    {
        ECPublicKeyParameters ec when Sm2Signatures.IsSm2Key(ec) => KeyAlgorithm.Sm2,
        ECPublicKeyParameters ec when ec.PublicKeyParamSet is { } curve && curve.Equals(X9ObjectIdentifiers.Prime256v1) => KeyAlgorithm.EcdsaP256,
        RsaKeyParameters { Modulus.BitLength: 2048 } => KeyAlgorithm.Rsa2048,
        RsaKeyParameters { Modulus.BitLength: 3072 } => KeyAlgorithm.Rsa3072,
        _ => throw new NotSupportedException("Only ECDSA P-256, SM2 and RSA 2048/3072 keys are supported."),
    };
}
