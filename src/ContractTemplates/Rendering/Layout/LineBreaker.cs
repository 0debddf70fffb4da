namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>
/// Breaks text into lines that fit a width. Chinese may break between any two characters (XTextFormatter only
/// breaks at spaces); runs of Latin letters and digits, such as amounts and account numbers, stay whole unless
/// longer than a line; closing punctuation never starts a line but hangs into the margin instead (标点悬挂).
/// </summary>
public sealed class LineBreaker(GlyphWidthCache widths)
{
    private const string ClosingPunctuation = "，。、；：！？）」』》〉”’,.;:!?)%";

    /// <summary>Lines of <paramref name="text"/>; the first line is narrower by <paramref name="firstLineIndent"/> points.</summary>
    public List<string> Break(string text, double maxWidth, TextStyle style, double firstLineIndent = 0)
    {
        var lines = new List<string>();
        var lineStart = 0;
        var lineWidth = 0.0;
        var available = maxWidth - firstLineIndent;
        var i = 0;
        while (i < text.Length)
        {
            var unitEnd = UnitEnd(text, i);
            var unitWidth = widths.Measure(text.AsSpan(i, unitEnd - i), style);
            if (lineWidth + unitWidth <= available || IsHanging(text, i, unitEnd))
            {
                lineWidth += unitWidth;
                i = unitEnd;
                continue;
            }
            if (i == lineStart)
            {
                // A single unit wider than the line (a very long number): split it by character.
                var end = i;
                var width = 0.0;
                while (end < unitEnd && (end == i || width + widths.Measure(text[end], style) <= available))
                {
                    width += widths.Measure(text[end], style);
                    end++;
                }
                lines.Add(text[lineStart..end]);
                lineStart = i = end;
            }
            else
            {
                lines.Add(text[lineStart..i].TrimEnd());
                lineStart = i;
                while (lineStart < text.Length && text[lineStart] == ' ') lineStart++;
                i = lineStart;
            }
            lineWidth = 0;
            available = maxWidth;
        }
        if (lineStart < text.Length || lines.Count == 0) lines.Add(text[lineStart..]);
        return lines;
    }

    private static bool IsHanging(string text, int start, int end) =>
        end - start == 1 && ClosingPunctuation.Contains(text[start]);

    // A unit is one CJK character, one space, or a run of ASCII letters/digits with the punctuation inside numbers.
    private static int UnitEnd(string text, int start)
    {
        if (!IsWordChar(text[start])) return start + 1;
        var end = start + 1;
        while (end < text.Length && (IsWordChar(text[end]) || (IsInnerPunctuation(text[end]) && end + 1 < text.Length && IsWordChar(text[end + 1]))))
            end++;
        return end;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '¥' or '-' or '_';

    private static bool IsInnerPunctuation(char c) => c is '.' or ',' or ':' or '/' or '%';
}
