using OneThing.ContractTemplates.Rendering.Layout;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Rendering;

public sealed class LineBreakerTests
{
    private static readonly GlyphWidthCache Widths = CreateWidths();
    private readonly LineBreaker _breaker = new(Widths);
    private readonly double _em = TextStyles.Size(TextStyle.Body);

    [Fact]
    public void Chinese_breaks_between_any_two_characters()
    {
        var lines = _breaker.Break("借款人应按期足额归还借款本息", 5 * _em, TextStyle.Body);

        Assert.Equal(["借款人应按", "期足额归还", "借款本息"], lines);
    }

    [Fact]
    public void Amounts_and_numbers_are_not_split()
    {
        var lines = _breaker.Break("借款金额为人民币600,000.00元", 10 * _em, TextStyle.Body);

        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("600,000.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line()
    {
        var lines = _breaker.Break("甲乙丙丁戊，己庚", 5 * _em, TextStyle.Body);

        Assert.Equal(["甲乙丙丁戊，", "己庚"], lines);
    }

    [Fact]
    public void The_first_line_leaves_room_for_the_indent()
    {
        var lines = _breaker.Break("一二三四五六七八", 5 * _em, TextStyle.Body, firstLineIndent: 2 * _em);

        Assert.Equal(["一二三", "四五六七八"], lines);
    }

    [Fact]
    public void Every_line_fits_the_width()
    {
        const string text = "乙方同意在受托银行开立或指定还款账户（开户行：中国建设银行德阳旌阳支行，户名：王建国，账号：6217003810012345678），并授权受托银行于每月还款日从该账户中扣收当期应还本息。";
        var width = 200.0;

        foreach (var line in _breaker.Break(text, width, TextStyle.Body))
        {
            var trimmed = line.TrimEnd('，', '。', '）', '：');
            Assert.True(Widths.Measure(trimmed, TextStyle.Body) <= width + 0.01, $"'{line}' is wider than {width}");
        }
    }

    private static GlyphWidthCache CreateWidths()
    {
        _ = SharedRenderer.Renderer; // registers the CJK font
        return new GlyphWidthCache();
    }
}
