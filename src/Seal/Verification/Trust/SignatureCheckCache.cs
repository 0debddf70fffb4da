using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.Asn1.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// Remembers the outcome of signature checks on certificates, CRLs and OCSP responses, keyed by a
/// hash of key, algorithm, signed bytes and signature: the same bytes always give the same answer,
/// and a bank verifies thousands of documents sealed under the same few CA certificates.
/// </summary>
public sealed class SignatureCheckCache(IOptions<VerificationOptions> options)
{
    private readonly ConcurrentDictionary<string, bool> _outcomes = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.SignatureCacheSize;

    /// <summary>Decoded certificate extensions and names, and issuer checks per certificate pair.</summary>
    public CertificateFactsCache Facts { get; } = new();

    /// <summary>Imported public keys shared by every signature check of this verifier (null when caching is off).</summary>
    public PublicKeyCache? Keys { get; } = options.Value.SignatureCacheSize == 0 ? null : new PublicKeyCache(options.Value.SignatureCacheSize);

    public bool Verify(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, byte[] signedBytes, byte[] signature)
    {
        if (_capacity == 0)
        {
            return SignatureValueVerifier.Verify(key, algorithm, null, signedBytes, signature);
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(key.GetDerEncoded());
        hash.AppendData(algorithm.GetDerEncoded());
        hash.AppendData(signedBytes);
        hash.AppendData(signature);
        var id = Convert.ToBase64String(hash.GetHashAndReset());
        if (_outcomes.TryGetValue(id, out var known))
        {
            return known;
        }
        var outcome = SignatureValueVerifier.Verify(key, algorithm, null, signedBytes, signature, Keys);
        if (_outcomes.Count >= _capacity)
        {
            _outcomes.Clear();
        }
        _outcomes[id] = outcome;
        return outcome;
    }
}
