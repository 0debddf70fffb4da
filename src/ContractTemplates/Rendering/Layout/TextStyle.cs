namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>The text styles documents use; sizes and weights are in <see cref="TextStyles"/>.</summary>
public enum TextStyle
{
    Title,
    Meta,
    Article,
    Body,
    TableLabel,
    TableCell,
    ScheduleHeader,
    ScheduleCell,
    Margin,
}

/// <summary>Point size, weight and line height of each <see cref="TextStyle"/>.</summary>
public static class TextStyles
{
    public static double Size(TextStyle style) => style switch
    {
        TextStyle.Title => 18,
        TextStyle.Meta => 10,
        TextStyle.Article => 11,
        TextStyle.Body => 10.5,
        TextStyle.TableLabel or TextStyle.TableCell => 9.5,
        TextStyle.ScheduleHeader or TextStyle.ScheduleCell => 8.5,
        TextStyle.Margin => 7.5,
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    public static bool IsBold(TextStyle style) =>
        style is TextStyle.Title or TextStyle.Article or TextStyle.TableLabel or TextStyle.ScheduleHeader;

    /// <summary>Baseline-to-baseline distance for wrapped lines.</summary>
    public static double LineHeight(TextStyle style) => style switch
    {
        TextStyle.Body => 18,
        TextStyle.TableLabel or TextStyle.TableCell => 13.5,
        _ => Size(style) * 1.5,
    };

    public static IEnumerable<TextStyle> All => Enum.GetValues<TextStyle>();
}
