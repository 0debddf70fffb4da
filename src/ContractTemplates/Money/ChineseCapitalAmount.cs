using System.Text;

namespace OneThing.ContractTemplates.Money;

/// <summary>
/// Amounts in Chinese capital numerals (人民币大写) as the payment-settlement rules write them:
/// one 零 for any run of zeros inside the yuan part, group units 万/亿/万亿, 整 after 元 or 角 when there is no 分,
/// 零 between 元 and 分 when 角 is zero, and no leading 零元 for amounts under one yuan.
/// </summary>
public static class ChineseCapitalAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿"];

    /// <summary>e.g. 50000000 → "人民币伍拾万元整", 206756 → "人民币贰仟零陆拾柒元伍角陆分".</summary>
    public static string Format(long fen)
    {
        if (fen < 0) throw new ArgumentOutOfRangeException(nameof(fen), "amounts in capital numerals must not be negative");
        var yuan = fen / 100;
        if (yuan >= 10_000_000_000_000_000) throw new ArgumentOutOfRangeException(nameof(fen), "amount too large for capital numerals");
        var jiao = (int)(fen / 10 % 10);
        var fenDigit = (int)(fen % 10);

        var text = new StringBuilder("人民币", 40);
        if (yuan > 0)
        {
            AppendYuan(text, yuan);
            text.Append('元');
        }
        else if (jiao == 0 && fenDigit == 0)
        {
            return "人民币零元整";
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }
        else if (fenDigit > 0 && yuan > 0)
        {
            text.Append('零');
        }

        if (fenDigit > 0) text.Append(Digits[fenDigit]).Append('分');
        else text.Append('整');
        return text.ToString();
    }

    private static void AppendYuan(StringBuilder text, long yuan)
    {
        var digits = yuan.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var zeroPending = false;
        var groupHasDigit = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var position = digits.Length - 1 - i; // 0 = ones
            var digit = digits[i] - '0';
            if (digit == 0)
            {
                zeroPending = true;
            }
            else
            {
                if (zeroPending) text.Append('零');
                zeroPending = false;
                groupHasDigit = true;
                text.Append(Digits[digit]).Append(PlaceUnits[position % 4]);
            }

            if (position % 4 == 0)
            {
                if (groupHasDigit && position > 0) text.Append(GroupUnits[position / 4]);
                groupHasDigit = false;
            }
        }
    }
}
