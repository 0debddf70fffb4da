using OneThing.ContractTemplates.Rendering.Layout;
using PdfSharp.Drawing;

namespace OneThing.ContractTemplates.Rendering.Pdf;

/// <summary>Draws laid-out items onto a PDFsharp page; one XFont per style per document.</summary>
public sealed class PageDrawer
{
    private static readonly XBrush ShadeBrush = new XSolidBrush(XColor.FromGrayScale(0.92));
    private static readonly XPen FramePen = new(XColor.FromGrayScale(0.35), 0.5);
    private static readonly XPen RulePen = new(XColor.FromGrayScale(0.2), 0.4);
    private static readonly XPen DashedPen = new(XColor.FromGrayScale(0.55), 0.6) { DashStyle = XDashStyle.Dash };
    private readonly Dictionary<TextStyle, XFont> _fonts = TextStyles.All.ToDictionary(s => s, PdfFontFactory.Create);

    public void Draw(XGraphics gfx, IReadOnlyList<PageItem> items)
    {
        // Shading first so borders and text sit on top of it.
        foreach (var item in items)
        {
            if (item is Shade shade) gfx.DrawRectangle(ShadeBrush, shade.X, shade.Top, shade.Width, shade.Height);
        }
        foreach (var item in items)
        {
            switch (item)
            {
                case TextRun run:
                    gfx.DrawString(run.Text, _fonts[run.Style], XBrushes.Black, run.X, run.Top, XStringFormats.TopLeft);
                    break;
                case RuleLine rule:
                    gfx.DrawLine(rule.Thickness == RulePen.Width ? RulePen : new XPen(XColor.FromGrayScale(0.2), rule.Thickness), rule.X1, rule.Y1, rule.X2, rule.Y2);
                    break;
                case Frame frame:
                    gfx.DrawRectangle(frame.Dashed ? DashedPen : FramePen, frame.X, frame.Top, frame.Width, frame.Height);
                    break;
            }
        }
    }

    public void DrawText(XGraphics gfx, string text, TextStyle style, double x, double top) =>
        gfx.DrawString(text, _fonts[style], XBrushes.Black, x, top, XStringFormats.TopLeft);
}
