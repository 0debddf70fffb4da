using System.Globalization;
using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>
/// The repayment schedule annex: one row per instalment plus a totals row, split across as many pages as needed
/// with the column header repeated at the top of each.
/// </summary>
public sealed class ScheduleLayout(GlyphWidthCache widths)
{
    private const double RowHeight = 13.5;
    private const double PaddingX = 4;
    private static readonly string[] Headers = ["期数", "还款日期", "月还款额", "归还本金", "归还利息", "剩余本金"];
    private static readonly double[] Shares = [0.09, 0.17, 0.19, 0.18, 0.17, 0.20];

    public void Layout(LayoutCursor cursor, RepaymentSchedule schedule)
    {
        var columns = ColumnEdges();
        cursor.EnsureSpace(RowHeight * 3);
        var segmentTop = Header(cursor, columns);
        foreach (var instalment in schedule.Instalments)
        {
            if (cursor.Remaining < RowHeight)
            {
                ColumnRules(cursor, columns, segmentTop);
                cursor.NewPage();
                segmentTop = Header(cursor, columns);
            }
            Row(cursor, columns, TextStyle.ScheduleCell,
                instalment.Number.ToString(CultureInfo.InvariantCulture),
                instalment.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Fen.ToYuan(instalment.PaymentFen),
                Fen.ToYuan(instalment.PrincipalFen),
                Fen.ToYuan(instalment.InterestFen),
                Fen.ToYuan(instalment.RemainingBalanceFen));
        }
        if (cursor.Remaining < RowHeight)
        {
            ColumnRules(cursor, columns, segmentTop);
            cursor.NewPage();
            segmentTop = Header(cursor, columns);
        }
        Row(cursor, columns, TextStyle.ScheduleHeader, "合计", "",
            Fen.ToYuan(schedule.TotalPaymentFen), Fen.ToYuan(schedule.LoanAmountFen), Fen.ToYuan(schedule.TotalInterestFen), "");
        ColumnRules(cursor, columns, segmentTop);
        cursor.Y += 8;
    }

    /// <summary>Starts a table segment on this page: shaded header row with its top rule. Returns the segment top.</summary>
    private double Header(LayoutCursor cursor, double[] columns)
    {
        var top = cursor.Y;
        cursor.Add(new Shade(columns[0], top, columns[^1] - columns[0], RowHeight));
        cursor.Add(new RuleLine(columns[0], top, columns[^1], top, 0.4));
        Row(cursor, columns, TextStyle.ScheduleHeader, Headers);
        return top;
    }

    // Vertical rules once per page segment instead of per cell: drawing calls dominate the cost of schedule pages.
    private static void ColumnRules(LayoutCursor cursor, double[] columns, double segmentTop)
    {
        foreach (var edge in columns) cursor.Add(new RuleLine(edge, segmentTop, edge, cursor.Y, 0.4));
    }

    // Numbers are right-aligned so the fen line up; the first two columns are centred.
    private void Row(LayoutCursor cursor, double[] columns, TextStyle style, params string[] cells)
    {
        var top = cursor.Y;
        var textTop = top + (RowHeight - TextStyles.Size(style)) / 2;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Length == 0) continue;
            var width = widths.Measure(cells[i], style);
            var x = i < 2 || style == TextStyle.ScheduleHeader && cells[i] == Headers[i]
                ? (columns[i] + columns[i + 1] - width) / 2
                : columns[i + 1] - PaddingX - width;
            cursor.Add(new TextRun(x, textTop, cells[i], style));
        }
        cursor.Add(new RuleLine(columns[0], top + RowHeight, columns[^1], top + RowHeight, 0.4));
        cursor.Y += RowHeight;
    }

    private static double[] ColumnEdges()
    {
        var edges = new double[Shares.Length + 1];
        edges[0] = PageGeometry.MarginLeft;
        for (var i = 0; i < Shares.Length; i++) edges[i + 1] = edges[i] + Shares[i] * PageGeometry.ContentWidth;
        return edges;
    }
}
