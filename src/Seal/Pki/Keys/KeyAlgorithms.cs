using Org.BouncyCastle.Asn1;
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

    public static bool IsEcdsa(this KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.EcdsaP256;

    public static string SignatureAlgorithmName(this KeyAlgorithm algorithm) =>
        algorithm.IsEcdsa() ? EcdsaWithSha256 : RsaWithSha256;

    /// <summary>The X.509 AlgorithmIdentifier of a SHA-256 signature with this key type (RSA carries NULL parameters).</summary>
    public static AlgorithmIdentifier SignatureAlgorithmIdentifier(this KeyAlgorithm algorithm) =>
        algorithm.IsEcdsa()
            ? new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256)
            : new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance);

    public static int RsaKeySize(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => 2048,
        KeyAlgorithm.Rsa3072 => 3072,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an RSA algorithm"),
    };

    /// <summary>Recognises the algorithm of a BouncyCastle public key; only the supported kinds are accepted.</summary>
    public static KeyAlgorithm FromPublicKey(AsymmetricKeyParameter publicKey) => publicKey switch
    {
        ECPublicKeyParameters ec when ec.Parameters.Curve.FieldSize == 256 => KeyAlgorithm.EcdsaP256,
        RsaKeyParameters { Modulus.BitLength: 2048 } => KeyAlgorithm.Rsa2048,
        RsaKeyParameters { Modulus.BitLength: 3072 } => KeyAlgorithm.Rsa3072,
        _ => throw new NotSupportedException("Only ECDSA P-256 and RSA 2048/3072 keys are supported."),
    };
}
