using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// /Contents is a fixed-size hex string zero-padded after the (DER or BER) SignedData: this reads
/// exactly one ASN.1 object from it so the padding never reaches the CMS parser.
/// </summary>
internal static class CmsContents
{
    /// <exception cref="FormatException">Empty, wiped or not a CMS SignedData.</exception>
    public static SignedDataParts Parse(PdfString contents)
    {
        var digits = contents.HexDigits.Span;
        if (contents.Length == 0 || (digits.IsEmpty ? contents.Bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0 : digits.IndexOfAnyExcept((byte)'0') < 0))
        {
            throw new FormatException("the signature contents are empty or all zeros (never signed, or wiped)");
        }
        return CmsSignedDataReader.Read(digits.IsEmpty ? contents.Bytes : FirstObject(digits) ?? contents.Bytes);
    }

    /// <summary>
    /// The bytes of the first ASN.1 object the hex digits spell, decoded alone (the padding after it, half of
    /// a typical reserve, is never decoded), when its header gives a definite length that fits; otherwise null
    /// and the caller decodes everything. <see cref="CmsSignedDataReader.Read"/> reads only that object
    /// either way, so both give the same result.
    /// </summary>
    private static byte[]? FirstObject(ReadOnlySpan<byte> digits)
    {
        Span<byte> header = stackalloc byte[6];
        var available = digits.Length / 2;
        var headerLength = Math.Min(header.Length, available);
        if (Convert.FromHexString(digits[..(2 * headerLength)], header, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != headerLength || headerLength < 2 || (header[0] & 0x1F) == 0x1F)
        {
            return null;
        }
        long length;
        int lengthOctets;
        if (header[1] < 0x80)
        {
            (length, lengthOctets) = (header[1], 0);
        }
        else if (header[1] is >= 0x81 and <= 0x84 && 2 + (header[1] & 0x7F) <= headerLength)
        {
            lengthOctets = header[1] & 0x7F;
            length = 0;
            for (var i = 0; i < lengthOctets; i++)
            {
                length = (length << 8) | header[2 + i];
            }
        }
        else
        {
            return null; // indefinite (BER) or an unusual length form: decode it all
        }
        var total = 2 + lengthOctets + length;
        if (total > available)
        {
            return null;
        }
        var bytes = GC.AllocateUninitializedArray<byte>((int)total);
        Convert.FromHexString(digits[..(2 * (int)total)], bytes, out _, out _);
        return bytes;
    }
}
