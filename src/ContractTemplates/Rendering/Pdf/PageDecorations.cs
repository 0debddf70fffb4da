using OneThing.ContractTemplates.Rendering.Layout;
using PdfSharp.Drawing;

namespace OneThing.ContractTemplates.Rendering.Pdf;

/// <summary>
/// Running header (title and the loan contract number all three documents belong to) and footer: document id on the left, 第 x 页 共 y 页 in the middle,
/// template id, version and short hash on the right, so any printed page can be traced to its template.
/// </summary>
public sealed class PageDecorations(GlyphWidthCache widths, PageDrawer drawer)
{
    private static readonly XPen RulePen = new(XColor.FromGrayScale(0.4), 0.5);

    public void Draw(XGraphics gfx, int pageIndex, int pageCount, DocumentIdentity identity)
    {
        const double left = PageGeometry.MarginLeft;
        const double right = PageGeometry.Width - PageGeometry.MarginRight;
        var style = TextStyle.Margin;

        drawer.DrawText(gfx, identity.Title, style, left, PageGeometry.HeaderBaselineTop);
        var number = $"借款合同编号：{identity.ContractNumber}";
        drawer.DrawText(gfx, number, style, right - widths.Measure(number, style), PageGeometry.HeaderBaselineTop);
        gfx.DrawLine(RulePen, left, PageGeometry.HeaderBaselineTop + 13, right, PageGeometry.HeaderBaselineTop + 13);

        var footerTop = PageGeometry.FooterTop;
        gfx.DrawLine(RulePen, left, footerTop - 5, right, footerTop - 5);
        drawer.DrawText(gfx, $"文档编号：{identity.DocumentId}", style, left, footerTop);
        var pageText = $"第 {pageIndex + 1} 页 共 {pageCount} 页";
        drawer.DrawText(gfx, pageText, style, (PageGeometry.Width - widths.Measure(pageText, style)) / 2, footerTop);
        var templateText = $"模板 {identity.TemplateId} v{identity.TemplateVersion} · {identity.ShortHash}";
        drawer.DrawText(gfx, templateText, style, right - widths.Measure(templateText, style), footerTop);
    }
}
