using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Tests.Money;

public sealed class ChineseCapitalAmountTests
{
    [Theory]
    [InlineData(50_000_000L, "人民币伍拾万元整")]
    [InlineData(206_756L, "人民币贰仟零陆拾柒元伍角陆分")] // zero in the middle
    [InlineData(100_000_050L, "人民币壹佰万元伍角整")] // zeros up to 元 then jiao: the rules allow omitting 零
    [InlineData(1_050L, "人民币壹拾元伍角整")] // jiao without fen
    [InlineData(105L, "人民币壹元零伍分")] // fen without jiao: 零 between 元 and 分
    [InlineData(56L, "人民币伍角陆分")] // under one yuan: no 零元
    [InlineData(6L, "人民币陆分")]
    [InlineData(0L, "人民币零元整")]
    [InlineData(1_000L, "人民币壹拾元整")]
    [InlineData(1_000_000_000L, "人民币壹仟万元整")] // 10,000,000.00
    [InlineData(10_000_000_000L, "人民币壹亿元整")]
    [InlineData(10_001_000_000L, "人民币壹亿零壹万元整")] // empty 仟佰拾 of the 万 group
    [InlineData(100_100_000L, "人民币壹佰万零壹仟元整")]
    [InlineData(100_000_100L, "人民币壹佰万零壹元整")]
    [InlineData(1_234_567_890_123L, "人民币壹佰贰拾叁亿肆仟伍佰陆拾柒万捌仟玖佰零壹元贰角叁分")]
    [InlineData(100_000_000_000_000L, "人民币壹万亿元整")]
    [InlineData(248_134L, "人民币贰仟肆佰捌拾壹元叁角肆分")]
    public void Writes_amounts_by_the_settlement_rules(long fen, string expected) =>
        Assert.Equal(expected, ChineseCapitalAmount.Format(fen));

    [Fact]
    public void Negative_amounts_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseCapitalAmount.Format(-1));
}
