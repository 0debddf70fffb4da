using System.Globalization;

namespace OneThing.ContractTemplates.Money;

/// <summary>Formatting of integer fen amounts (1 yuan = 100 fen). Money never passes through floating point.</summary>
public static class Fen
{
    /// <summary>e.g. 206756 → "2,067.56".</summary>
    public static string ToYuan(long fen)
    {
        var sign = fen < 0 ? "-" : "";
        var magnitude = Math.Abs(fen);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100:#,0}.{magnitude % 100:00}");
    }

    /// <summary>Rounds a decimal amount of fen to a whole fen, halves away from zero (四舍五入).</summary>
    public static long Round(decimal fen) => (long)decimal.Round(fen, 0, MidpointRounding.AwayFromZero);
}
