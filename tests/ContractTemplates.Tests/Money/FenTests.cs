using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Tests.Money;

public sealed class FenTests
{
    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(5L, "0.05")]
    [InlineData(206_756L, "2,067.56")]
    [InlineData(60_000_000L, "600,000.00")]
    [InlineData(-1_234L, "-12.34")]
    public void Formats_fen_as_yuan_with_grouping(long fen, string expected) => Assert.Equal(expected, Fen.ToYuan(fen));

    [Theory]
    [InlineData("2.5", 3L)]
    [InlineData("2.4999", 2L)]
    [InlineData("-2.5", -3L)]
    public void Rounds_half_away_from_zero(string value, long expected) =>
        Assert.Equal(expected, Fen.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
