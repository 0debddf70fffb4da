namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>
/// Bordered label/value tables (the party table, the account table). Odd columns are shaded labels; trailing empty
/// cells let the last filled cell span the rest of the row. Rows never split, but the table may break between rows.
/// </summary>
public sealed class TableLayout(LineBreaker breaker)
{
    private const double PaddingX = 4;
    private const double PaddingY = 3.5;

    public void Layout(LayoutCursor cursor, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var columnCount = rows.Max(r => r.Count);
        var widths = ColumnWidths(columnCount);
        var lineHeight = TextStyles.LineHeight(TextStyle.TableCell);
        cursor.Y += 2;
        foreach (var row in rows)
        {
            var cells = PlaceCells(row, widths);
            var wrapped = cells.Select(c => breaker.Break(c.Text, c.Width - 2 * PaddingX, c.Style)).ToArray();
            var height = wrapped.Max(w => w.Count) * lineHeight + 2 * PaddingY;
            cursor.EnsureSpace(height);
            var top = cursor.Y;
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (cell.Style == TextStyle.TableLabel) cursor.Add(new Shade(cell.X, top, cell.Width, height));
                cursor.Add(new Frame(cell.X, top, cell.Width, height, Dashed: false));
                for (var line = 0; line < wrapped[i].Count; line++)
                {
                    var textTop = top + PaddingY + line * lineHeight + (lineHeight - TextStyles.Size(cell.Style)) / 2;
                    cursor.Add(new TextRun(cell.X + PaddingX, textTop, wrapped[i][line], cell.Style));
                }
            }
            cursor.Y += height;
        }
        cursor.Y += 8;
    }

    private static double[] ColumnWidths(int columns)
    {
        double[] shares = columns switch
        {
            2 => [0.25, 0.75],
            4 => [0.17, 0.33, 0.17, 0.33],
            _ => Enumerable.Repeat(1.0 / columns, columns).ToArray(),
        };
        return shares.Select(s => s * PageGeometry.ContentWidth).ToArray();
    }

    private static List<(double X, double Width, string Text, TextStyle Style)> PlaceCells(IReadOnlyList<string> row, double[] widths)
    {
        var filled = row.Count;
        while (filled > 1 && row[filled - 1].Length == 0) filled--;
        var cells = new List<(double, double, string, TextStyle)>(filled);
        var x = PageGeometry.MarginLeft;
        for (var i = 0; i < filled; i++)
        {
            var width = i == filled - 1 ? PageGeometry.MarginLeft + PageGeometry.ContentWidth - x : widths[i];
            cells.Add((x, width, row[i], i % 2 == 0 ? TextStyle.TableLabel : TextStyle.TableCell));
            x += width;
        }
        return cells;
    }
}
