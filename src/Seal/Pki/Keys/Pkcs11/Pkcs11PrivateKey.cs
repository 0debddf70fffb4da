using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;

namespace OneThing.Seal.Pki.Keys.Pkcs11;

/// <summary>
/// A private key inside a PKCS#11 token. The data is hashed here and only the 32-byte digest goes to
/// the token (CKM_ECDSA / CKM_RSA_PKCS with a DigestInfo), which keeps calls small and fast.
/// </summary>
public sealed class Pkcs11PrivateKey : IPrivateKey
{
    // DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1), prepended for CKM_RSA_PKCS.
    private static readonly byte[] Sha256DigestInfoPrefix = Convert.FromHexString("3031300d060960864801650304020105000420");

    private readonly Pkcs11Token _token;
    private readonly IObjectHandle _handle;

    internal Pkcs11PrivateKey(Pkcs11Token token, IObjectHandle handle, AsymmetricKeyParameter publicKey, KeyAlgorithm algorithm, string label)
    {
        _token = token;
        _handle = handle;
        PublicKey = publicKey;
        Algorithm = algorithm;
        Label = label;
    }

    public string Label { get; }

    public KeyAlgorithm Algorithm { get; }

    public AsymmetricKeyParameter PublicKey { get; }

    public string SignatureAlgorithm => Algorithm.SignatureAlgorithmName();

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var digest = SHA256.HashData(data);
        if (Algorithm.IsEcdsa())
        {
            var raw = _token.WithSession(s => s.Sign(_token.Factories.MechanismFactory.Create(CKM.CKM_ECDSA), _handle, digest));
            return ToDer(raw);
        }

        var digestInfo = Sha256DigestInfoPrefix.Concat(digest).ToArray();
        return _token.WithSession(s => s.Sign(_token.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS), _handle, digestInfo));
    }

    /// <summary>PKCS#11 returns r‖s; CMS and X.509 want ECDSA-Sig-Value (SEQUENCE of two INTEGERs).</summary>
    private static byte[] ToDer(byte[] raw)
    {
        var half = raw.Length / 2;
        var r = new BigInteger(1, raw, 0, half);
        var s = new BigInteger(1, raw, half, half);
        return new DerSequence(new DerInteger(r), new DerInteger(s)).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>The token owns the key's lifetime; disposing the handle wrapper releases nothing.</summary>
    public void Dispose()
    {
    }
}
