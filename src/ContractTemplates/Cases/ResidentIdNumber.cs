using System.Globalization;

namespace OneThing.ContractTemplates.Cases;

/// <summary>GB 11643-1999 resident identity number: 6-digit area, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character.</summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Why the number is not a valid resident ID, or null when it is.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "is required";
        if (value.Length != 18) return $"must be 18 characters, got {value.Length}";
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i])) return "must be 17 digits followed by a digit or X";
        }
        var last = value[17];
        if (!char.IsAsciiDigit(last) && last != 'X') return "must be 17 digits followed by a digit or X (capital)";
        if (BirthDate(value) is null) return "contains an impossible birth date";
        var expected = CheckCharacter(value.AsSpan(0, 17));
        return last == expected ? null : $"check digit is wrong (expected {expected})";
    }

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>The birth date encoded in positions 7–14, or null if it is not a real date.</summary>
    public static DateOnly? BirthDate(string value) =>
        value.Length >= 14 && DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 1900
            ? date
            : null;
}
