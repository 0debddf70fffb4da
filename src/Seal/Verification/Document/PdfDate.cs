namespace OneThing.Seal.Verification.Document;

/// <summary>Parses PDF date strings (ISO 32000-1 §7.9.4: <c>D:YYYYMMDDHHmmSSOHH'mm'</c>, trailing parts optional).</summary>
/// <remarks>
/// Read left to right as the pattern <c>^(D:)?YYYY(MM)?(DD)?(HH)?(mm)?(SS)?([Zz+-](HH)?'?(mm)?'?)?</c> matches,
/// without a regular expression (every signature dictionary's /M is read on every verification); anything
/// after the longest match is ignored, and digits are ASCII digits.
/// </remarks>
internal static class PdfDate
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var s = text.AsSpan().Trim();
        if (s.StartsWith("D:", StringComparison.Ordinal))
        {
            s = s[2..];
        }
        if (!TryDigits(ref s, 4, out var year))
        {
            return null;
        }
        // Each later part is present only when all before it are (two digits each).
        Span<int> parts = [1, 1, 0, 0, 0]; // month, day, hour, minute, second
        for (var i = 0; i < parts.Length && TryDigits(ref s, 2, out var value); i++)
        {
            parts[i] = value;
        }
        var offset = TimeSpan.Zero;
        if (!s.IsEmpty && s[0] is 'Z' or 'z' or '+' or '-')
        {
            var sign = s[0];
            s = s[1..];
            TryDigits(ref s, 2, out var hours);
            SkipApostrophe(ref s);
            TryDigits(ref s, 2, out var minutes);
            if (sign is '+' or '-')
            {
                offset = new TimeSpan(hours, minutes, 0);
                if (sign == '-')
                {
                    offset = -offset;
                }
            }
        }
        try
        {
            return new DateTimeOffset(year, parts[0], parts[1], parts[2], parts[3], parts[4], offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool TryDigits(ref ReadOnlySpan<char> s, int count, out int value)
    {
        value = 0;
        if (s.Length < count)
        {
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                value = 0;
                return false;
            }
            value = value * 10 + (s[i] - '0');
        }
        s = s[count..];
        return true;
    }

    private static void SkipApostrophe(ref ReadOnlySpan<char> s)
    {
        if (!s.IsEmpty && s[0] == '\'')
        {
            s = s[1..];
        }
    }
}
