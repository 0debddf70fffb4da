using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;

namespace OneThing.Seal.Crypto.Signatures;

/// <summary>
/// Imported .NET (OpenSSL) public keys, keyed by the complete SubjectPublicKeyInfo bytes. Importing an
/// EC key validates the point (a scalar multiplication in OpenSSL), which cost more than the signature
/// check itself; a bank verifies thousands of documents under the same TSA, seal and CA keys. Holding
/// a key decides nothing: every signature is still verified with it. OpenSSL-backed keys are safe to
/// verify with from several threads (each call gets its own EVP_PKEY_CTX); they are never exported or
/// disposed while cached, and a full cache is simply dropped to bound memory.
/// </summary>
public sealed class PublicKeyCache(int capacity)
{
    private readonly ConcurrentDictionary<byte[], AsymmetricAlgorithm> _keys = new(ByteContentComparer.Instance);

    /// <summary>
    /// The DER of each SubjectPublicKeyInfo object met (BouncyCastle encodes it afresh on every call); the
    /// same object belongs to the same parsed certificate, which the parsed-object cache shares by content.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SubjectPublicKeyInfo, byte[]> _encodings = new();

    public ECDsa Ecdsa(SubjectPublicKeyInfo key) => (ECDsa)Get(key, static der =>
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out _);
            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }, static k => k is ECDsa);

    /// <param name="import">Imports the RSA key from the SPKI bytes (PSS-restricted SPKIs need a special import).</param>
    public RSA Rsa(SubjectPublicKeyInfo key, Func<byte[], RSA> import) => (RSA)Get(key, import, static k => k is RSA);

    private AsymmetricAlgorithm Get(SubjectPublicKeyInfo key, Func<byte[], AsymmetricAlgorithm> import, Func<AsymmetricAlgorithm, bool> fits)
    {
        var der = capacity > 0 ? _encodings.GetValue(key, static k => k.GetDerEncoded()) : key.GetDerEncoded();
        if (capacity > 0 && _keys.TryGetValue(der, out var known) && fits(known))
        {
            return known;
        }
        var imported = import(der);
        if (capacity > 0)
        {
            if (_keys.Count >= capacity)
            {
                _keys.Clear();
            }
            _keys[der] = imported;
        }
        return imported;
    }
}
