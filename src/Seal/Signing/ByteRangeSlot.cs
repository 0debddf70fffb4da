using System.Globalization;
using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Signing;

/// <summary>
/// The signed-range mechanics of a signature revision (ISO 32000-1 §12.8.1): patches the fixed-width
/// /ByteRange once the file length is known, hashes the two ranges around /Contents without copying
/// the file, and embeds the CMS (or timestamp token) into the zero-filled /Contents.
/// </summary>
internal sealed class ByteRangeSlot
{
    private readonly WrittenUpdate _update;

    public ByteRangeSlot(WrittenUpdate update)
    {
        if (update.ByteRangeOffset < 0 || update.ContentsOffset < 0)
        {
            throw new InvalidOperationException("the update holds no signature placeholders");
        }
        _update = update;
        ContentsStart = update.ContentsOffset;
        ContentsEnd = update.ContentsOffset + 2 + 2L * update.ContentsReservedBytes;
        ByteRange = [0, ContentsStart, ContentsEnd, update.Length - ContentsEnd];
        var text = string.Join(' ', ByteRange.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        if (text.Length > PdfByteRangePlaceholder.Width)
        {
            throw new SigningException("document too large for the /ByteRange placeholder");
        }
        var slot = update.AppendedAt(update.ByteRangeOffset + 1, PdfByteRangePlaceholder.Width);
        slot.Fill((byte)' ');
        for (var i = 0; i < text.Length; i++)
        {
            slot[i] = (byte)text[i];
        }
    }

    public WrittenUpdate Update => _update;
    public long ContentsStart { get; }
    public long ContentsEnd { get; }
    public long[] ByteRange { get; }
    public int ReservedBytes => _update.ContentsReservedBytes;

    /// <summary>SHA-256 over the two signed ranges.</summary>
    public byte[] ComputeDigest() => ComputeDigest(HashAlgorithmName.SHA256);

    /// <summary>The digest over the two signed ranges with <paramref name="algorithm"/> (SM3 for SM2 signatures).</summary>
    public byte[] ComputeDigest(HashAlgorithmName algorithm)
    {
        using var hash = IncrementalDigest.Create(algorithm);
        var originalLength = _update.Original.Length;
        hash.Append(_update.Original.Span);
        hash.Append(_update.Appended.AsSpan(0, (int)(ContentsStart - originalLength)));
        hash.Append(_update.Appended.AsSpan((int)(ContentsEnd - originalLength), (int)(_update.Length - ContentsEnd)));
        return hash.GetHashAndReset();
    }

    /// <summary>Whether the update reserved a GB/T 38540 SES_Signature beside /Contents.</summary>
    public bool HasSealSignature => _update.SealSignatureOffset >= 0;

    /// <summary>
    /// SM3 over the signed ranges minus the SES_Signature's own hex string (<see cref="Crypto.Ses.PdfSealSignature"/>):
    /// the dataHash of the SES_Signature.
    /// </summary>
    public byte[] ComputeSealSignatureDigest()
    {
        var start = _update.SealSignatureOffset;
        var end = start + 2 + 2L * _update.SealSignatureReservedBytes;
        using var hash = IncrementalDigest.Create(DigestAlgorithms.Sm3Name);
        var originalLength = _update.Original.Length;
        foreach (var (from, length) in Crypto.Ses.PdfSealSignature.Segments(ByteRange, start, end))
        {
            // The original bytes end before any placeholder; a segment lies in one part or spans the join.
            var to = from + length;
            if (from < originalLength)
            {
                hash.Append(_update.Original.Span[(int)from..(int)Math.Min(to, originalLength)]);
            }
            if (to > originalLength)
            {
                var a = Math.Max(from, originalLength) - originalLength;
                hash.Append(_update.Appended.AsSpan((int)a, (int)(to - originalLength - a)));
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Writes the SES_Signature <paramref name="der"/> as hex into its reserved string (before the CMS is made).</summary>
    public void EmbedSealSignature(ReadOnlySpan<byte> der)
    {
        if (!HasSealSignature)
        {
            throw new InvalidOperationException("the update reserved no SES_Signature");
        }
        if (der.Length > _update.SealSignatureReservedBytes)
        {
            throw new SigningException($"SES_Signature of {der.Length} bytes does not fit the {_update.SealSignatureReservedBytes}-byte reserve");
        }
        Convert.TryToHexString(der, _update.AppendedAt(_update.SealSignatureOffset + 1, der.Length * 2), out _);
    }

    /// <summary>Writes <paramref name="der"/> as hex into the reserved /Contents (the rest stays zero-padded).</summary>
    public void Embed(ReadOnlySpan<byte> der)
    {
        if (der.Length > ReservedBytes)
        {
            throw new SigningException($"signature container of {der.Length} bytes does not fit the {ReservedBytes}-byte reserve");
        }
        var hex = _update.AppendedAt(ContentsStart + 1, der.Length * 2);
        Convert.TryToHexString(der, hex, out _);
    }
}
