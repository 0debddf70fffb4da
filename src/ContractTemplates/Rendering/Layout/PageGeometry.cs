namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>A4 in points with the contract margins; the header and footer live outside the content box.</summary>
public static class PageGeometry
{
    public const double Width = 595.28;
    public const double Height = 841.89;
    public const double MarginLeft = 62;
    public const double MarginRight = 62;
    public const double ContentTop = 72;
    public const double ContentBottom = Height - 66;
    public const double ContentWidth = Width - MarginLeft - MarginRight;
    public const double HeaderBaselineTop = 42;
    public const double FooterTop = Height - 48;
    public const double PointsPerMillimetre = 72 / 25.4;
}
