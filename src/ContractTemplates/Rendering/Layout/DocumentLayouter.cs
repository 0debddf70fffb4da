using OneThing.ContractTemplates.Rendering.Markup;

namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>Places the blocks of a filled-in template on A4 pages; drawing happens later, once the page count is known.</summary>
public sealed class DocumentLayouter(GlyphWidthCache widths)
{
    private readonly TextBlockLayout _text = new(new LineBreaker(widths), widths);
    private readonly TableLayout _table = new(new LineBreaker(widths));
    private readonly ScheduleLayout _schedule = new(widths);
    private readonly SignatureLayout _signatures = new(new LineBreaker(widths));

    public LaidOutDocument Layout(IReadOnlyList<DocumentBlock> blocks, LayoutInput input)
    {
        var cursor = new LayoutCursor();
        var article = 0;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TitleBlock title:
                    _text.Title(cursor, title.Text);
                    break;
                case MetaLineBlock meta:
                    _text.MetaLine(cursor, meta.Text);
                    break;
                case ArticleBlock heading:
                    // Annex headings (附件…) are not numbered articles.
                    _text.Article(cursor, heading.Heading.StartsWith("附件", StringComparison.Ordinal) ? 0 : ++article, heading.Heading);
                    break;
                case ParagraphBlock paragraph:
                    _text.Paragraph(cursor, paragraph.Text, paragraph.Indent);
                    break;
                case TableBlock table:
                    _table.Layout(cursor, table.Rows);
                    break;
                case ScheduleBlock:
                    _schedule.Layout(cursor, input.Schedule);
                    break;
                case SignatureBlock signatures:
                    _signatures.Layout(cursor, input.Case, signatures.ApplicantLabel, signatures.CoApplicantLabel, signatures.CentreLabel);
                    break;
                case PageBreakBlock:
                    if (!cursor.AtPageTop) cursor.NewPage();
                    break;
                default:
                    throw new InvalidOperationException($"no layout for {block.GetType().Name}");
            }
        }
        return new LaidOutDocument(cursor.Pages, cursor.Slots);
    }
}
