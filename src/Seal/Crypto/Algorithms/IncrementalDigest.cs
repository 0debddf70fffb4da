using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace OneThing.Seal.Crypto.Algorithms;

/// <summary>
/// A running hash over pieces of input, for every algorithm of <see cref="DigestAlgorithms"/>: .NET's
/// <see cref="IncrementalHash"/> (OpenSSL) for SHA-2, BouncyCastle's SM3 for SM3, which .NET does not offer.
/// </summary>
public sealed class IncrementalDigest : IDisposable
{
    private readonly IncrementalHash? _hash;
    private readonly SM3Digest? _sm3;

    private IncrementalDigest(IncrementalHash? hash, SM3Digest? sm3)
    {
        _hash = hash;
        _sm3 = sm3;
    }

    public static IncrementalDigest Create(HashAlgorithmName name) =>
        name == DigestAlgorithms.Sm3Name ? new(null, new SM3Digest()) : new(IncrementalHash.CreateHash(name), null);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_sm3 is not null)
        {
            _sm3.BlockUpdate(data);
        }
        else
        {
            _hash!.AppendData(data);
        }
    }

    /// <summary>A copy that continues from the same state (both may be appended to and finished independently).</summary>
    public IncrementalDigest Clone() => _sm3 is not null ? new(null, new SM3Digest(_sm3)) : new(_hash!.Clone(), null);

    public byte[] GetHashAndReset()
    {
        if (_sm3 is null)
        {
            return _hash!.GetHashAndReset();
        }
        var result = new byte[_sm3.GetDigestSize()];
        _sm3.DoFinal(result, 0);
        return result;
    }

    public void Dispose() => _hash?.Dispose();
}
