using System.Security.Cryptography;
using System.Text;
using OneThing.Seal.Crypto.Algorithms;

namespace OneThing.Seal.Crypto.Ses;

/// <summary>
/// How a GB/T 38540 SES_Signature rides in a PDF signature beside the SM2 CMS signature. No public convention
/// exists for PDF (docs/sm2.md names what we found), so the product's own, documented one:
/// <list type="bullet">
/// <item>the signature dictionary keeps <c>/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached</c> and an SM2
/// CMS in <c>/Contents</c>, so PAdES readers see an ordinary signature (B-T … B-LTA as usual);</item>
/// <item>the DER SES_Signature is the hex string under <see cref="Key"/> in the same dictionary, zero-padded to its
/// reserved size (the DER's own length says where it ends);</item>
/// <item>its <c>dataHash</c> is SM3 over the signature's /ByteRange bytes minus that hex string itself
/// (from its <c>&lt;</c> to its <c>&gt;</c>): the SES_Signature is to itself what /Contents is to the CMS;</item>
/// <item>the SES_Signature is written before the CMS is made, so the CMS (whose byte ranges include it) protects it.</item>
/// </list>
/// </summary>
public static class PdfSealSignature
{
    /// <summary>The signature dictionary key (without the slash). Not a registered ISO 32000 name: readers ignore it.</summary>
    public const string Key = "OneThing.SES_Signature";

    private static readonly byte[] KeyToken = Encoding.ASCII.GetBytes("/" + Key);

    /// <summary>The byte segments the SES_Signature's dataHash covers: the byte ranges minus [<paramref name="slotStart"/>, <paramref name="slotEnd"/>).</summary>
    public static IReadOnlyList<(long Start, long Length)> Segments(IReadOnlyList<long> byteRange, long slotStart, long slotEnd)
    {
        var segments = new List<(long, long)>();
        for (var i = 0; i + 1 < byteRange.Count; i += 2)
        {
            var (start, end) = (byteRange[i], byteRange[i] + byteRange[i + 1]);
            if (slotEnd <= start || slotStart >= end)
            {
                segments.Add((start, end - start));
                continue;
            }
            if (slotStart > start) segments.Add((start, slotStart - start));
            if (slotEnd < end) segments.Add((slotEnd, end - slotEnd));
        }
        return segments;
    }

    /// <summary>SM3 over <paramref name="segments"/> of <paramref name="file"/>.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> file, IReadOnlyList<(long Start, long Length)> segments)
    {
        using var hash = IncrementalDigest.Create(DigestAlgorithms.Sm3Name);
        foreach (var (start, length) in segments)
        {
            hash.Append(file.Slice((int)start, (int)length));
        }
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Finds the SES_Signature hex string of the signature whose /Contents gap is [byteRange[1], byteRange[2]):
    /// the one <see cref="Key"/> entry of the indirect object around that gap. Returns the positions of its
    /// <c>&lt;</c> and after its <c>&gt;</c>, or why it cannot be found.
    /// </summary>
    public static (long Start, long End, string? Problem) Locate(ReadOnlySpan<byte> file, IReadOnlyList<long> byteRange)
    {
        var gapStart = (int)byteRange[1];
        var gapEnd = (int)byteRange[2];
        var before = file[..gapStart];
        var objStart = before.LastIndexOf(" obj"u8);
        var endObj = file[gapEnd..].IndexOf("endobj"u8);
        if (objStart < 0 || endObj < 0)
        {
            return (-1, -1, "the signature dictionary's object cannot be delimited");
        }
        var objEnd = gapEnd + endObj;
        var found = new List<int>();
        foreach (var (from, to) in new[] { (objStart, gapStart), (gapEnd, objEnd) })
        {
            var window = file[from..to];
            var offset = 0;
            while (window[offset..].IndexOf(KeyToken) is var at and >= 0)
            {
                var position = offset + at;
                var next = position + KeyToken.Length;
                // The whole name, not a longer one that starts the same way.
                if (next >= window.Length || IsNameEnd(window[next]))
                {
                    found.Add(from + position);
                }
                offset = next;
            }
        }
        if (found.Count != 1)
        {
            return (-1, -1, found.Count == 0 ? $"/{Key} is not in the signature dictionary" : $"/{Key} appears {found.Count} times in the signature dictionary");
        }
        var p = found[0] + KeyToken.Length;
        while (p < objEnd && IsWhite(file[p])) p++;
        if (p >= objEnd || file[p] != '<')
        {
            return (-1, -1, $"/{Key} is not a hex string");
        }
        var close = file[p..objEnd].IndexOf((byte)'>');
        return close < 0 ? (-1, -1, $"/{Key} is not a closed hex string") : (p, p + close + 1, null);
    }

    /// <summary>The DER structure at the start of <paramref name="padded"/> (the rest is the placeholder's zero padding).</summary>
    public static byte[] TrimPadding(byte[] padded)
    {
        if (padded.Length < 2 || padded[0] != 0x30)
        {
            throw new FormatException("the SES_Signature is not a DER SEQUENCE");
        }
        long length;
        int header;
        if (padded[1] < 0x80)
        {
            (length, header) = (padded[1], 2);
        }
        else
        {
            var n = padded[1] & 0x7F;
            if (n is 0 or > 4 || padded.Length < 2 + n)
            {
                throw new FormatException("the SES_Signature's DER length is not definite or too long");
            }
            length = 0;
            for (var i = 0; i < n; i++) length = (length << 8) | padded[2 + i];
            header = 2 + n;
        }
        if (header + length > padded.Length)
        {
            throw new FormatException("the SES_Signature is truncated");
        }
        var tail = padded.AsSpan((int)(header + length));
        if (tail.IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new FormatException("bytes other than padding follow the SES_Signature");
        }
        return padded[..(int)(header + length)];
    }

    /// <summary>Bytes to reserve for the SES_Signature: the seal, the signer's certificate, TBS_Sign and the SM2 value.</summary>
    public static int Reserve(int sealLength, int certificateLength) => sealLength + certificateLength + 512;

    public static bool HashEquals(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsNameEnd(byte b) => IsWhite(b) || b is (byte)'<' or (byte)'>' or (byte)'/' or (byte)'[' or (byte)'(' or (byte)']' or (byte)')';
}
