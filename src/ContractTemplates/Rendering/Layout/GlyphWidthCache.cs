using System.Collections.Concurrent;
using OneThing.Fonts;
using PdfSharp.Drawing;

namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>
/// Advance widths per character, measured once through PDFsharp and then read from memory: line breaking measures
/// every character of every line, and <c>XGraphics.MeasureString</c> per call would dominate rendering time.
/// Widths are stored per em so one entry serves every point size. Thread-safe: misses measure under a lock.
/// </summary>
public sealed class GlyphWidthCache
{
    private const double MeasureSize = 100;
    private readonly ConcurrentDictionary<int, double> _emWidths = new();
    private readonly Lock _measureGate = new();
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(2000, 2000), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly XFont _regular = new(PdfFonts.FamilyName, MeasureSize, XFontStyleEx.Regular, PdfFontFactory.Options);
    private readonly XFont _bold = new(PdfFonts.FamilyName, MeasureSize, XFontStyleEx.Bold, PdfFontFactory.Options);

    /// <summary>Width in points of <paramref name="text"/> set in <paramref name="style"/>.</summary>
    public double Measure(ReadOnlySpan<char> text, TextStyle style)
    {
        var bold = TextStyles.IsBold(style);
        var em = 0.0;
        foreach (var ch in text) em += EmWidth(ch, bold);
        return em * TextStyles.Size(style);
    }

    /// <summary>Width of one character in points.</summary>
    public double Measure(char ch, TextStyle style) => EmWidth(ch, TextStyles.IsBold(style)) * TextStyles.Size(style);

    private double EmWidth(char ch, bool bold)
    {
        var key = (bold ? 0x10000 : 0) | ch;
        if (_emWidths.TryGetValue(key, out var width)) return width;
        lock (_measureGate)
        {
            width = _measure.MeasureString(ch.ToString(), bold ? _bold : _regular).Width / MeasureSize;
        }
        _emWidths.TryAdd(key, width);
        return width;
    }
}
