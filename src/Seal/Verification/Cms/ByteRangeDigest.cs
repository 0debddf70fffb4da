using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;

namespace OneThing.Seal.Verification.Cms;

/// <summary>Hashes the parts of a file a /ByteRange names (offset, length pairs), without copying them.</summary>
internal static class ByteRangeDigest
{
    public static byte[] Compute(ReadOnlySpan<byte> file, IReadOnlyList<long> byteRange, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalDigest.Create(algorithm);
        for (var i = 0; i + 1 < byteRange.Count; i += 2)
        {
            hash.Append(file.Slice(checked((int)byteRange[i]), checked((int)byteRange[i + 1])));
        }
        return hash.GetHashAndReset();
    }
}
