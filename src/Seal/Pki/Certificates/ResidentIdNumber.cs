namespace OneThing.Seal.Pki.Certificates;

/// <summary>
/// The 18-character PRC resident identity number (GB 11643-1999): 17 digits and a check character
/// (0-9 or X) computed with ISO 7064 MOD 11-2. Checked before a certificate binds a person to it.
/// </summary>
internal static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            sum += (value[i] - '0') * Weights[i];
        }

        return char.ToUpperInvariant(value[17]) == CheckCharacters[sum % 11];
    }

    /// <summary>Upper-cases the check character and throws a clear error when the number is not valid.</summary>
    public static string Normalize(string value) => IsValid(value)
        ? value.ToUpperInvariant()
        : throw new ArgumentException("The ID number must be an 18-character resident identity number with a valid check character.", nameof(value));
}
