using System.Security.Cryptography;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// SHA-256 of every signature's byte ranges and of the whole file in a single pass. Successive
/// signatures' first ranges share their prefix ([0, gap of signature k) is a prefix of signature
/// k+1's first range), so the running hash is cloned at each gap instead of re-reading the file
/// once per signature: a sealed contract with five signatures is hashed once, not six times.
/// </summary>
internal sealed class SignedRangeDigests
{
    private readonly Dictionary<(long, long, long), byte[]> _digests = [];

    private SignedRangeDigests(byte[] fileSha256) => FileSha256 = fileSha256;

    public byte[] FileSha256 { get; }

    /// <param name="byteRanges">Each signature's /ByteRange; malformed or out-of-bounds ones are skipped (checked elsewhere).</param>
    public static SignedRangeDigests Compute(ReadOnlySpan<byte> file, IEnumerable<IReadOnlyList<long>?> byteRanges)
    {
        var length = file.Length;
        var distinct = new List<(long GapStart, long GapEnd, long End)>();
        foreach (var r in byteRanges)
        {
            if (r is { Count: 4 } && r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[3] >= 0 && r[2] + r[3] <= length && !distinct.Contains((r[1], r[2], r[2] + r[3])))
            {
                distinct.Add((r[1], r[2], r[2] + r[3]));
            }
        }
        // A stable sort by gap start, as OrderBy was (ranges sharing a gap start keep their order).
        var ranges = distinct.Select((r, i) => (Range: r, Index: i)).ToArray();
        Array.Sort(ranges, static (a, b) => a.Range.GapStart != b.Range.GapStart ? a.Range.GapStart.CompareTo(b.Range.GapStart) : a.Index.CompareTo(b.Index));
        using var running = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var digests = new List<((long, long, long) Key, byte[] Digest)>(ranges.Length);
        long position = 0;
        foreach (var (range, _) in ranges)
        {
            running.AppendData(file[(int)position..(int)range.GapStart]);
            position = range.GapStart;
            using var branch = running.Clone();
            branch.AppendData(file[(int)range.GapEnd..(int)range.End]);
            digests.Add(((range.GapStart, range.GapEnd, range.End), branch.GetHashAndReset()));
        }
        running.AppendData(file[(int)position..]);
        var result = new SignedRangeDigests(running.GetHashAndReset());
        foreach (var (key, digest) in digests)
        {
            result._digests[key] = digest;
        }
        return result;
    }

    /// <summary>The digest of <paramref name="byteRange"/> with <paramref name="algorithm"/>: precomputed for SHA-256, computed otherwise.</summary>
    public byte[] Digest(ReadOnlySpan<byte> file, IReadOnlyList<long> byteRange, HashAlgorithmName algorithm)
    {
        if (algorithm == HashAlgorithmName.SHA256 && byteRange.Count == 4
            && _digests.TryGetValue((byteRange[1], byteRange[2], byteRange[2] + byteRange[3]), out var known) && byteRange[0] == 0)
        {
            return (byte[])known.Clone();
        }
        return ByteRangeDigest.Compute(file, byteRange, algorithm);
    }
}
