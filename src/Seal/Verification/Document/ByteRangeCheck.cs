using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Verification.Document;

/// <summary>
/// Sanity of a /ByteRange: two ranges, starting at 0, in bounds, and the gap between them is
/// exactly the /Contents hex string (so no signed byte is left out and nothing hides in the gap).
/// </summary>
internal static class ByteRangeCheck
{
    public static CheckResult Check(ReadOnlySpan<byte> file, IReadOnlyList<long>? range, PdfString? contents)
    {
        if (range is null || range.Count != 4)
        {
            return CheckResult.Fail(CheckKind.ByteRange, "/ByteRange is missing or does not have exactly four integers");
        }
        if (contents is null)
        {
            return CheckResult.Fail(CheckKind.ByteRange, "/Contents is missing or not a string");
        }
        var (start1, length1, start2, length2) = (range[0], range[1], range[2], range[3]);
        if (start1 != 0)
        {
            return CheckResult.Fail(CheckKind.ByteRange, "/ByteRange does not start at offset 0");
        }
        if (length1 <= 0 || length2 < 0 || start2 <= length1 || start2 + length2 > file.Length || start2 + length2 < start2)
        {
            return CheckResult.Fail(CheckKind.ByteRange, $"/ByteRange [{string.Join(' ', range)}] is out of bounds for a file of {file.Length} bytes");
        }
        var gap = file.Slice((int)length1, (int)(start2 - length1));
        if (gap.Length != contents.Length * 2 + 2 || gap[0] != '<' || gap[^1] != '>')
        {
            return CheckResult.Fail(CheckKind.ByteRange, "the unsigned gap is not exactly the /Contents hex string");
        }
        if (!GapHoldsExactly(gap[1..^1], contents))
        {
            return CheckResult.Fail(CheckKind.ByteRange, "the unsigned gap does not hold this signature's /Contents");
        }
        return CheckResult.Pass(CheckKind.ByteRange, $"two ranges from 0, the gap is exactly /Contents ({contents.Length} bytes)");
    }

    /// <summary>
    /// Whether <paramref name="hex"/> (two digits per byte, no whitespace, either case) spells exactly
    /// <paramref name="contents"/>. When /Contents kept its digits (<see cref="PdfString.HexDigits"/>: plain
    /// hex digits only, checked by the parser) the same digits spell the same bytes, so the digits are
    /// compared; otherwise the gap is decoded in bulk (vectorised) in slices and compared with the bytes.
    /// This runs over every /Contents byte of every signature (tens of KB per document).
    /// </summary>
    private static bool GapHoldsExactly(ReadOnlySpan<byte> hex, PdfString contents)
    {
        if (!contents.HexDigits.IsEmpty && hex.SequenceEqual(contents.HexDigits.Span))
        {
            return true;
        }
        return GapDecodesTo(hex, contents.Bytes);
    }

    private static bool GapDecodesTo(ReadOnlySpan<byte> hex, ReadOnlySpan<byte> contents)
    {
        Span<byte> decoded = stackalloc byte[1024];
        while (!contents.IsEmpty)
        {
            var n = Math.Min(decoded.Length, contents.Length);
            if (Convert.FromHexString(hex[..(2 * n)], decoded, out var consumed, out var written) != System.Buffers.OperationStatus.Done
                || consumed != 2 * n || written != n || !decoded[..n].SequenceEqual(contents[..n]))
            {
                return false;
            }
            hex = hex[(2 * n)..];
            contents = contents[n..];
        }
        return true;
    }
}
