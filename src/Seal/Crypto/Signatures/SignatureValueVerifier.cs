using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace OneThing.Seal.Crypto.Signatures;

/// <summary>
/// Checks a raw signature value against a public key. RSA and ECDSA go through .NET (OpenSSL),
/// several times faster than BouncyCastle's managed code; SM2 (which .NET lacks) and other schemes go
/// through BouncyCastle.
/// </summary>
public static class SignatureValueVerifier
{
    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="data"/>; throws <see cref="NotSupportedException"/> for unknown schemes.</summary>
    /// <param name="keys">Imported keys to reuse (null: import and dispose per call).</param>
    public static bool Verify(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, string? digestOid, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, PublicKeyCache? keys = null)
    {
        var resolved = SignatureAlgorithms.Resolve(algorithm.Algorithm.Id, digestOid);
        switch (resolved.Scheme)
        {
            case SignatureScheme.RsaPkcs1 when resolved.Hash is { } hash:
            {
                if (keys is not null)
                {
                    return keys.Rsa(key, der => ImportRsa(key, der)).VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
                }
                using var rsa = ImportRsa(key, key.GetDerEncoded());
                return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
            }
            case SignatureScheme.Ecdsa when resolved.Hash is { } hash:
            {
                if (keys is not null)
                {
                    return keys.Ecdsa(key).VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportSubjectPublicKeyInfo(key.GetDerEncoded(), out _);
                return ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
            }
            case SignatureScheme.RsaPss:
                return VerifyPss(key, algorithm, data, signature);
            case SignatureScheme.Sm2:
                return Sm2Signatures.Verify(key, data, signature);
            case SignatureScheme.Other:
                return VerifyWithBouncyCastle(key, algorithm.Algorithm.Id, data, signature);
            default:
                throw new NotSupportedException($"signature algorithm {algorithm.Algorithm.Id} with digest {digestOid} is not supported");
        }
    }

    /// <summary>Verifies a signature made directly over a digest (CMS without signed attributes); RSA PKCS#1 v1.5 and ECDSA only.</summary>
    public static bool VerifyDigest(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, string digestOid, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, PublicKeyCache? keys = null)
    {
        var resolved = SignatureAlgorithms.Resolve(algorithm.Algorithm.Id, digestOid);
        switch (resolved.Scheme)
        {
            case SignatureScheme.RsaPkcs1 when resolved.Hash is { } hash:
            {
                if (keys is not null)
                {
                    return keys.Rsa(key, der => ImportRsa(key, der)).VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1);
                }
                using var rsa = ImportRsa(key, key.GetDerEncoded());
                return rsa.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1);
            }
            case SignatureScheme.Ecdsa when keys is not null:
                return keys.Ecdsa(key).VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
            case SignatureScheme.Ecdsa:
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportSubjectPublicKeyInfo(key.GetDerEncoded(), out _);
                return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
            }
            default:
                // SM2 signs SM3(Z ‖ message), never a bare digest, so it too needs signed attributes.
                throw new NotSupportedException($"a signature without signed attributes using {algorithm.Algorithm.Id} is not supported");
        }
    }

    private static RSA ImportRsa(SubjectPublicKeyInfo key, byte[] der)
    {
        var rsa = RSA.Create();
        try
        {
            if (key.Algorithm.Algorithm.Id == SignatureAlgorithms.RsaPss)
            {
                // .NET imports only rsaEncryption SPKIs: re-import the bare RSAPublicKey of a PSS-restricted key.
                rsa.ImportRSAPublicKey(key.PublicKey.GetOctets(), out _);
            }
            else
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static bool VerifyPss(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var parameters = algorithm.Parameters is null or Asn1Null
            ? new RsassaPssParameters()
            : RsassaPssParameters.GetInstance(algorithm.Parameters);
        var hashOid = parameters.HashAlgorithm.Algorithm.Id;
        var mgfHashOid = AlgorithmIdentifier.GetInstance(parameters.MaskGenAlgorithm.Parameters).Algorithm.Id;
        var hash = DigestAlgorithms.FromOid(hashOid) ?? throw new NotSupportedException($"PSS hash {hashOid} is not supported");
        var saltLength = parameters.SaltLength.IntValueExact;
        if (mgfHashOid == hashOid && saltLength == DigestAlgorithms.Hash(hash, []).Length && parameters.TrailerField.IntValueExact == 1)
        {
            using var rsa = ImportRsa(key, key.GetDerEncoded());
            return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pss);
        }
        // Unusual salt length or MGF hash: BouncyCastle's PSS signer takes them explicitly.
        var signer = new PssSigner(new RsaBlindedEngine(), DigestUtilities.GetDigest(hashOid), DigestUtilities.GetDigest(mgfHashOid), saltLength);
        signer.Init(false, PublicKeyFactory.CreateKey(RsaKeyOf(key)));
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }

    private static SubjectPublicKeyInfo RsaKeyOf(SubjectPublicKeyInfo key) =>
        key.Algorithm.Algorithm.Id == SignatureAlgorithms.RsaPss
            ? new SubjectPublicKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance), key.PublicKey.GetOctets())
            : key;

    private static bool VerifyWithBouncyCastle(SubjectPublicKeyInfo key, string algorithmOid, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ISigner signer;
        try
        {
            signer = SignerUtilities.GetSigner(algorithmOid);
        }
        catch (SecurityUtilityException)
        {
            throw new NotSupportedException($"signature algorithm {algorithmOid} is not supported");
        }
        signer.Init(false, PublicKeyFactory.CreateKey(key));
        signer.BlockUpdate(data);
        return signer.VerifySignature(signature.ToArray());
    }
}
