using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace OneThing.Seal.Crypto.Signatures;

/// <summary>
/// SM2 signatures (GB/T 32918.2) over SM3, the way GM/T 0009 and GB/T 38540 use them: the signed value is
/// SM3(Z ‖ message), Z hashing the distinguishing ID <see cref="DefaultId"/> and the signer's public key,
/// and the signature is DER SEQUENCE { r, s }. The ID is always passed explicitly rather than left to a
/// library default, because OpenSSL 3's default is the empty ID and would make a different Z.
/// </summary>
public static class Sm2Signatures
{
    /// <summary>The GM/T 0009 default user ID, ASCII "1234567812345678".</summary>
    public const string DefaultId = "1234567812345678";

    private static readonly byte[] DefaultIdBytes = Encoding.ASCII.GetBytes(DefaultId);

    /// <summary>Signs <paramref name="data"/> with an SM2 private key (sm2p256v1 curve).</summary>
    public static byte[] Sign(ECPrivateKeyParameters key, ReadOnlySpan<byte> data)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), DefaultIdBytes));
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    /// <summary>True when <paramref name="signature"/> is an SM2 signature of <paramref name="data"/> by <paramref name="key"/>.</summary>
    public static bool Verify(ECPublicKeyParameters key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var signer = new SM2Signer(new SM3Digest());
        signer.Init(false, new ParametersWithID(key, DefaultIdBytes));
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }

    /// <summary>
    /// Verifies with a SubjectPublicKeyInfo, which must name the SM2 curve (sm2p256v1): the SM2 algorithm run
    /// on another curve's key would be a different, unvetted scheme.
    /// </summary>
    public static bool Verify(SubjectPublicKeyInfo key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!IsSm2Key(key))
        {
            throw new ArgumentException("an SM2 signature needs a public key on the SM2 curve (sm2p256v1)");
        }
        return Verify((ECPublicKeyParameters)PublicKeyFactory.CreateKey(key), data, signature);
    }

    /// <summary>Whether the key is an elliptic-curve key on sm2p256v1 (1.2.156.10197.1.301).</summary>
    public static bool IsSm2Key(SubjectPublicKeyInfo key) =>
        key.Algorithm.Algorithm.Equals(Org.BouncyCastle.Asn1.X9.X9ObjectIdentifiers.IdECPublicKey)
        && key.Algorithm.Parameters?.ToAsn1Object() is DerObjectIdentifier curve && curve.Equals(GMObjectIdentifiers.sm2p256v1);

    /// <summary>Whether a BouncyCastle key lies on the SM2 curve.</summary>
    public static bool IsSm2Key(AsymmetricKeyParameter key) =>
        key is ECKeyParameters { PublicKeyParamSet: { } curve } && curve.Equals(GMObjectIdentifiers.sm2p256v1);
}
