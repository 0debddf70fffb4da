namespace OneThing.ContractTemplates.Rendering.Markup;

/// <summary>
/// Parses the line-oriented markup a filled-in template produces:
/// <c># title</c>, <c>&gt;&gt; meta line</c>, <c>## article</c>, <c>| table | row |</c>, <c>- unindented paragraph</c>,
/// <c>[[schedule]]</c>, <c>[[signatures a b c]]</c>, <c>[[pagebreak]]</c>; any other non-blank line is an indented paragraph.
/// </summary>
public static class MarkupParser
{
    public static IReadOnlyList<DocumentBlock> Parse(string markup)
    {
        var blocks = new List<DocumentBlock>();
        List<IReadOnlyList<string>>? table = null;
        foreach (var rawLine in markup.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('|'))
            {
                table ??= [];
                table.Add(SplitRow(line));
                continue;
            }
            if (table is not null)
            {
                blocks.Add(new TableBlock(table));
                table = null;
            }
            if (line.Length == 0) continue;
            blocks.Add(ParseLine(line));
        }
        if (table is not null) blocks.Add(new TableBlock(table));
        return blocks;
    }

    private static DocumentBlock ParseLine(string line)
    {
        if (line.StartsWith("## ", StringComparison.Ordinal)) return new ArticleBlock(line[3..].Trim());
        if (line.StartsWith("# ", StringComparison.Ordinal)) return new TitleBlock(line[2..].Trim());
        if (line.StartsWith(">> ", StringComparison.Ordinal)) return new MetaLineBlock(line[3..].Trim());
        if (line.StartsWith("- ", StringComparison.Ordinal)) return new ParagraphBlock(line[2..].Trim(), Indent: false);
        if (line.StartsWith("[[", StringComparison.Ordinal) && line.EndsWith("]]", StringComparison.Ordinal))
        {
            var words = line[2..^2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words switch
            {
                ["schedule"] => new ScheduleBlock(),
                ["pagebreak"] => new PageBreakBlock(),
                ["signatures", var applicant, var coApplicant, var centre] => new SignatureBlock(applicant, coApplicant, centre),
                _ => throw new InvalidDataException($"unknown directive '{line}'"),
            };
        }
        return new ParagraphBlock(line, Indent: true);
    }

    private static string[] SplitRow(string line)
    {
        var inner = line.Trim('|');
        return inner.Split('|').Select(c => c.Trim()).ToArray();
    }
}
