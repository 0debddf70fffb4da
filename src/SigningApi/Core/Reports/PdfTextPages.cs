using OneThing.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OneThing.SigningApi.Core.Reports;

/// <summary>
/// Top-down text flow on A4 pages with per-character wrapping (Chinese has no spaces to break at) and page
/// breaks: the evidence report and the 验签报告 are drawn with it.
/// </summary>
internal sealed class PdfTextPages(PdfDocument document) : IDisposable
{
    /// <summary>A4 in points, and the margin on every side.</summary>
    public const double Margin = 40, Width = 595, Height = 842;

    private readonly Dictionary<(double Size, bool Bold, string Character), double> _widths = [];
    private XGraphics? _gfx;
    private double _y;
    private int _page = -1;

    public void Line(string text, double size, bool bold = false) => Wrapped(text, size, bold);

    public void Gap(double points) => _y += points;

    public void Wrapped(string text, double size, bool bold = false)
    {
        var font = new XFont(PdfFonts.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        var lineHeight = size * 1.45;
        var gfx = Graphics(lineHeight);
        var start = 0;
        while (start < text.Length)
        {
            // Widths add up character by character (no kerning in this font), so each line is
            // measured once per character instead of re-measuring every growing prefix; a
            // surrogate pair (rare CJK extension characters in names) is never split.
            var end = start + RuneLength(text, start);
            var width = CharWidth(gfx, font, size, bold, text.Substring(start, end - start));
            while (end < text.Length)
            {
                var next = RuneLength(text, end);
                width += CharWidth(gfx, font, size, bold, text.Substring(end, next));
                if (width > Width - 2 * Margin) break;
                end += next;
            }
            gfx = Graphics(lineHeight);
            gfx.DrawString(text[start..end], font, XBrushes.Black, new XPoint(Margin, _y + size));
            _y += lineHeight;
            start = end;
        }
    }

    private static int RuneLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    private double CharWidth(XGraphics gfx, XFont font, double size, bool bold, string character)
    {
        if (!_widths.TryGetValue((size, bold, character), out var width))
            _widths[(size, bold, character)] = width = gfx.MeasureString(character, font).Width;
        return width;
    }

    /// <summary>Makes room for a block at the current position (new page if needed) and returns its page and top.</summary>
    public (int Page, double Top) ReserveBlock(double height)
    {
        Graphics(height);
        var top = _y;
        _y += height;
        return (_page, top);
    }

    private XGraphics Graphics(double needed)
    {
        if (_gfx is null || _y + needed > Height - Margin)
        {
            _gfx?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(Width);
            page.Height = XUnit.FromPoint(Height);
            _gfx = XGraphics.FromPdfPage(page);
            _page++;
            _y = Margin;
        }
        return _gfx;
    }

    public void Dispose() => _gfx?.Dispose();
}
