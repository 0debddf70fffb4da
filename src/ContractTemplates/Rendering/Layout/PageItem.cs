namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>
/// Something placed on a page by the layout, in points with the origin at the top-left (PDFsharp's XGraphics
/// convention). The layout produces these first so the page count is known before anything is drawn.
/// </summary>
public abstract record PageItem;

/// <summary>A line of text whose top edge is at <paramref name="Top"/>.</summary>
public sealed record TextRun(double X, double Top, string Text, TextStyle Style) : PageItem;

/// <summary>A straight line.</summary>
public sealed record RuleLine(double X1, double Y1, double X2, double Y2, double Thickness) : PageItem;

/// <summary>A light grey background (table labels and headers).</summary>
public sealed record Shade(double X, double Top, double Width, double Height) : PageItem;

/// <summary>A thin rectangle outline; dashed for the areas where signatures go.</summary>
public sealed record Frame(double X, double Top, double Width, double Height, bool Dashed) : PageItem;
