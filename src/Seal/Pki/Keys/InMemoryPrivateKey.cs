using System.Security.Cryptography;
using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace OneThing.Seal.Pki.Keys;

/// <summary>
/// A private key held in process memory. ECDSA and RSA sign through .NET (OpenSSL underneath), several
/// times faster than BouncyCastle's managed implementations; SM2, which .NET does not offer, signs
/// through BouncyCastle (<see cref="Sm2Signatures"/>).
/// </summary>
public sealed class InMemoryPrivateKey : IPrivateKey
{
    private readonly AsymmetricAlgorithm? _key;
    private readonly ECPrivateKeyParameters? _sm2;

    private InMemoryPrivateKey(AsymmetricAlgorithm key, KeyAlgorithm algorithm)
    {
        _key = key;
        Algorithm = algorithm;
        PublicKey = PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo());
    }

    private InMemoryPrivateKey(ECPrivateKeyParameters sm2, ECPublicKeyParameters publicKey)
    {
        _sm2 = sm2;
        Algorithm = KeyAlgorithm.Sm2;
        PublicKey = publicKey;
    }

    public KeyAlgorithm Algorithm { get; }

    public AsymmetricKeyParameter PublicKey { get; }

    public string SignatureAlgorithm => Algorithm.SignatureAlgorithmName();

    public static InMemoryPrivateKey Generate(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => new InMemoryPrivateKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), algorithm),
        KeyAlgorithm.Sm2 => GenerateSm2(),
        _ => new InMemoryPrivateKey(RSA.Create(algorithm.RsaKeySize()), algorithm),
    };

    private static InMemoryPrivateKey GenerateSm2()
    {
        // Named-curve domain parameters, so the SubjectPublicKeyInfo names sm2p256v1 by OID as GM/T 0015 wants.
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return new InMemoryPrivateKey((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    /// <summary>Imports an unencrypted PKCS#8 PrivateKeyInfo (ECDSA P-256, SM2 or RSA).</summary>
    public static InMemoryPrivateKey FromPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var info = PrivateKeyInfo.GetInstance(pkcs8.ToArray());
        var algorithmOid = info.PrivateKeyAlgorithm.Algorithm;
        if (algorithmOid.Equals(X9ObjectIdentifiers.IdECPublicKey)
            && info.PrivateKeyAlgorithm.Parameters is DerObjectIdentifier curve && curve.Equals(GMObjectIdentifiers.sm2p256v1))
        {
            // Checked before the ECDSA import: OpenSSL would accept the SM2 curve there and sign ECDSA with it.
            var sm2 = (ECPrivateKeyParameters)PrivateKeyFactory.CreateKey(info);
            var publicKey = new ECPublicKeyParameters("EC", sm2.Parameters.G.Multiply(sm2.D).Normalize(), GMObjectIdentifiers.sm2p256v1);
            return new InMemoryPrivateKey(sm2, publicKey);
        }

        if (algorithmOid.Equals(X9ObjectIdentifiers.IdECPublicKey))
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

    public byte[] ExportPkcs8() => (_key, _sm2) switch
    {
        (ECDsa ecdsa, _) => ecdsa.ExportPkcs8PrivateKey(),
        (RSA rsa, _) => rsa.ExportPkcs8PrivateKey(),
        (_, { } sm2) => PrivateKeyInfoFactory.CreatePrivateKeyInfo(sm2).GetEncoded(Asn1Encodable.Der),
        _ => throw new InvalidOperationException("unexpected key type"),
    };

    /// <summary>The BouncyCastle form, needed only to write PKCS#12 files.</summary>
    public AsymmetricKeyParameter ExportBouncyCastle() => _sm2 ?? PrivateKeyFactory.CreateKey(ExportPkcs8());

    public byte[] Sign(ReadOnlySpan<byte> data) => (_key, _sm2) switch
    {
        (ECDsa ecdsa, _) => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        (RSA rsa, _) => rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        (_, { } sm2) => Sm2Signatures.Sign(sm2, data),
        _ => throw new InvalidOperationException("unexpected key type"),
    };

    public void Dispose() => _key?.Dispose();
}
