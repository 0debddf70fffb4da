namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>Chinese ordinary numerals for article numbers: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.</summary>
public static class ChineseOrdinal
{
    private const string Digits = "零一二三四五六七八九";

    public static string Format(int n)
    {
        if (n is < 1 or > 999) throw new ArgumentOutOfRangeException(nameof(n), "article numbers run from 1 to 999");
        var hundreds = n / 100;
        var tens = n / 10 % 10;
        var ones = n % 10;
        var text = new System.Text.StringBuilder();
        if (hundreds > 0) text.Append(Digits[hundreds]).Append('百');
        if (tens > 0)
        {
            if (hundreds > 0 || tens > 1) text.Append(Digits[tens]); // 十二 but 一百一十二
            text.Append('十');
        }
        else if (hundreds > 0 && ones > 0)
        {
            text.Append('零');
        }
        if (ones > 0) text.Append(Digits[ones]);
        return text.ToString();
    }
}
