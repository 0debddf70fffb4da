namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>Titles, meta lines, article headings and paragraphs.</summary>
public sealed class TextBlockLayout(LineBreaker breaker, GlyphWidthCache widths)
{
    public void Title(LayoutCursor cursor, string text)
    {
        foreach (var line in breaker.Break(text, PageGeometry.ContentWidth, TextStyle.Title))
        {
            var width = widths.Measure(line, TextStyle.Title);
            cursor.Add(new TextRun(PageGeometry.MarginLeft + (PageGeometry.ContentWidth - width) / 2, cursor.Y, line, TextStyle.Title));
            cursor.Y += TextStyles.LineHeight(TextStyle.Title);
        }
        cursor.Y += 6;
    }

    public void MetaLine(LayoutCursor cursor, string text)
    {
        var width = widths.Measure(text, TextStyle.Meta);
        cursor.Add(new TextRun(PageGeometry.MarginLeft + PageGeometry.ContentWidth - width, cursor.Y, text, TextStyle.Meta));
        cursor.Y += TextStyles.LineHeight(TextStyle.Meta);
    }

    /// <summary>An article heading, kept on the same page as at least two lines of what follows.</summary>
    public void Article(LayoutCursor cursor, int number, string heading)
    {
        cursor.Y += 4;
        cursor.EnsureSpace(TextStyles.LineHeight(TextStyle.Article) + 2 * TextStyles.LineHeight(TextStyle.Body));
        var text = number > 0 ? $"第{ChineseOrdinal.Format(number)}条　{heading}" : heading;
        cursor.Add(new TextRun(PageGeometry.MarginLeft, cursor.Y, text, TextStyle.Article));
        cursor.Y += TextStyles.LineHeight(TextStyle.Article) + 2;
    }

    /// <summary>A paragraph, indented by two characters unless <paramref name="indent"/> is false; may split across pages.</summary>
    public void Paragraph(LayoutCursor cursor, string text, bool indent)
    {
        var indentWidth = indent ? 2 * TextStyles.Size(TextStyle.Body) : 0;
        var lineHeight = TextStyles.LineHeight(TextStyle.Body);
        var lines = breaker.Break(text, PageGeometry.ContentWidth, TextStyle.Body, indentWidth);
        for (var i = 0; i < lines.Count; i++)
        {
            cursor.EnsureSpace(lineHeight);
            var x = PageGeometry.MarginLeft + (i == 0 ? indentWidth : 0);
            cursor.Add(new TextRun(x, cursor.Y + (lineHeight - TextStyles.Size(TextStyle.Body)) / 2, lines[i], TextStyle.Body));
            cursor.Y += lineHeight;
        }
        cursor.Y += 2;
    }
}
