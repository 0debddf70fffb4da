using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace OneThing.Seal.Pki.Keys;

/// <summary>
/// A private key held in process memory, signing through .NET's ECDsa/RSA (OpenSSL underneath),
/// which is several times faster than BouncyCastle's managed implementations.
/// </summary>
public sealed class InMemoryPrivateKey : IPrivateKey
{
    private readonly AsymmetricAlgorithm _key;

    private InMemoryPrivateKey(AsymmetricAlgorithm key, KeyAlgorithm algorithm)
    {
        _key = key;
        Algorithm = algorithm;
        PublicKey = PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo());
    }

    public KeyAlgorithm Algorithm { get; }

    public AsymmetricKeyParameter PublicKey { get; }

    public string SignatureAlgorithm => Algorithm.SignatureAlgorithmName();

    public static InMemoryPrivateKey Generate(KeyAlgorithm algorithm) => algorithm.IsEcdsa()
        ? new InMemoryPrivateKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), algorithm)
        : new InMemoryPrivateKey(RSA.Create(algorithm.RsaKeySize()), algorithm);

    /// <summary>Imports an unencrypted PKCS#8 PrivateKeyInfo (ECDSA P-256 or RSA).</summary>
    public static InMemoryPrivateKey FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var info = PrivateKeyInfo.GetInstance(pkcs8.ToArray());
        var algorithmOid = info.PrivateKeyAlgorithm.Algorithm;
        if (algorithmOid.Equals(Org.BouncyCastle.Asn1.X9.X9ObjectIdentifiers.IdECPublicKey))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            if (ecdsa.KeySize != 256)
            {
                ecdsa.Dispose();
                throw new NotSupportedException("Only ECDSA keys on the P-256 curve are supported.");
            }

            return new InMemoryPrivateKey(ecdsa, KeyAlgorithm.EcdsaP256);
        }

        // RSA.Create() + import: DotNetUtilities.ToRSA throws on Linux.
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        var algorithm = rsa.KeySize switch
        {
            2048 => KeyAlgorithm.Rsa2048,
            3072 => KeyAlgorithm.Rsa3072,
            _ => throw new NotSupportedException($"RSA keys of {rsa.KeySize} bits are not supported (2048 or 3072)."),
        };
        return new InMemoryPrivateKey(rsa, algorithm);
    }

    /// <summary>Wraps a BouncyCastle private key (e.g. read from a PKCS#12 file) without keeping the BouncyCastle form.</summary>
    public static InMemoryPrivateKey FromBouncyCastle(AsymmetricKeyParameter privateKey) =>
        FromPkcs8(PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetEncoded());

    public byte[] ExportPkcs8() => _key switch
    {
        ECDsa ecdsa => ecdsa.ExportPkcs8PrivateKey(),
        RSA rsa => rsa.ExportPkcs8PrivateKey(),
        _ => throw new InvalidOperationException("unexpected key type"),
    };

    /// <summary>The BouncyCastle form, needed only to write PKCS#12 files.</summary>
    public AsymmetricKeyParameter ExportBouncyCastle() => PrivateKeyFactory.CreateKey(ExportPkcs8());

    public byte[] Sign(ReadOnlySpan<byte> data) => _key switch
    {
        ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        RSA rsa => rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("unexpected key type"),
    };

    public void Dispose() => _key.Dispose();
}
