using System.Globalization;
using System.Text.RegularExpressions;

namespace OneThing.Seal.Verification.Document;

/// <summary>Parses PDF date strings (ISO 32000-1 §7.9.4: <c>D:YYYYMMDDHHmmSSOHH'mm'</c>, trailing parts optional).</summary>
public static partial class PdfDate
{
    [GeneratedRegex(@"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+\-])(\d{2})?'?(\d{2})?'?)?")]
    private static partial Regex Pattern();

    public static DateTimeOffset? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }
        int Part(int group, int fallback) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var offset = TimeSpan.Zero;
            if (m.Groups[7].Success && m.Groups[7].Value is "+" or "-")
            {
                offset = new TimeSpan(Part(8, 0), Part(9, 0), 0);
                if (m.Groups[7].Value == "-")
                {
                    offset = -offset;
                }
            }
            return new DateTimeOffset(Part(1, 1), Part(2, 1), Part(3, 1), Part(4, 0), Part(5, 0), Part(6, 0), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
