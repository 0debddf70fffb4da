using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// Whether a signature field's widget can draw on its page: it can unless its /Rect has no area (the appearance is
/// mapped into the rectangle, ISO 32000-1 §12.5.5, so nothing remains) — as pyHanko reads it. The annotation flags
/// (Hidden, NoView) do not count: signing the field may set /F, and an appearance stream or not, viewers may draw one.
/// </summary>
internal static class WidgetVisibility
{
    private const int MaxKids = 1_000;

    /// <summary>Where <paramref name="annotation"/> draws (its rectangle, and page when /P names one), or null when it has no area.</summary>
    public static string? Drawn(RevisionContext context, PdfDictionary annotation)
    {
        var document = context.After;
        if (document.Resolve<PdfArray>(annotation["Rect"]) is not { Count: 4 } rect)
        {
            return null;
        }
        var c = new double[4];
        for (var i = 0; i < 4; i++)
        {
            switch (document.Resolve(rect[i]))
            {
                case PdfInteger n:
                    c[i] = n.Value;
                    break;
                case PdfReal r:
                    c[i] = r.Value;
                    break;
                default:
                    return null;
            }
        }
        if (Math.Abs(c[2] - c[0]) * Math.Abs(c[3] - c[1]) is 0 or double.NaN)
        {
            return null;
        }
        var where = FormattableString.Invariant($"[{c[0]:0.##} {c[1]:0.##} {c[2]:0.##} {c[3]:0.##}]");
        return annotation["P"] is PdfReference p && context.PageNumberOf(p) is { } page ? $"page {page} {where}" : where;
    }

    /// <summary>Where a field draws: its own widget (a field merged with it) or any of its /Kids; null when none draws.</summary>
    public static string? FieldDrawn(RevisionContext context, PdfDictionary field)
    {
        var document = context.After;
        if (Drawn(context, field) is { } own)
        {
            return own;
        }
        var kids = document.Resolve<PdfArray>(field["Kids"]);
        if (kids is null)
        {
            return null;
        }
        if (kids.Count > MaxKids)
        {
            return $"{kids.Count} widgets";
        }
        foreach (var kid in kids)
        {
            if (document.Resolve<PdfDictionary>(kid) is { } widget && Drawn(context, widget) is { } drawn)
            {
                return drawn;
            }
        }
        return null;
    }
}
