using OneThing.ContractTemplates.Rendering.Layout;

namespace OneThing.ContractTemplates.Tests.Rendering;

public sealed class ChineseOrdinalTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(99, "九十九")]
    [InlineData(100, "一百")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    public void Numbers_articles_the_chinese_way(int n, string expected) => Assert.Equal(expected, ChineseOrdinal.Format(n));
}
