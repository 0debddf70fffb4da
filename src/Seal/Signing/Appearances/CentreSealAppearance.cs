using PdfSharp.Drawing;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// The centre's red round seal (电子印章), drawn entirely as vectors so it stays crisp at any
/// zoom: outer ring, five-pointed star, the centre's name along the upper arc, 合同专用章 under the
/// star and the seal code at the bottom. It depends only on the centre, so the rendered page is cached.
/// </summary>
public sealed class CentreSealAppearance(string centreName, string sealCode, string purpose = "合同专用章") : PdfSharpAppearance
{
    private static readonly XColor SealRed = XColor.FromArgb(255, 220, 20, 30);
    private readonly Lock _gate = new();
    private (double W, double H, byte[] Pdf)? _cache;

    public override byte[] Render(SignatureAppearanceContext context)
    {
        lock (_gate)
        {
            if (_cache is { } c && c.W == context.Width && c.H == context.Height)
            {
                return c.Pdf;
            }
        }
        var pdf = base.Render(context);
        lock (_gate)
        {
            _cache = (context.Width, context.Height, pdf);
        }
        return pdf;
    }

    protected override void Draw(XGraphics gfx, SignatureAppearanceContext context)
    {
        var cx = context.Width / 2;
        var cy = context.Height / 2;
        var r = Math.Min(context.Width, context.Height) / 2 * 0.96;
        var brush = new XSolidBrush(SealRed);

        var ringWidth = r * 0.055;
        gfx.DrawEllipse(new XPen(SealRed, ringWidth), cx - r + ringWidth / 2, cy - r + ringWidth / 2, 2 * r - ringWidth, 2 * r - ringWidth);

        DrawStar(gfx, brush, cx, cy, r * 0.27);

        // The name runs clockwise along the upper arc, each character upright towards the rim.
        var chars = centreName.EnumerateRunes().Select(x => x.ToString()).ToArray();
        var span = Math.Min(250, 22.0 * chars.Length);
        var nameFont = Font(r * Math.Clamp(2.6 / Math.Max(chars.Length, 1), 0.14, 0.22), bold: true);
        var textRadius = r * 0.72;
        for (var i = 0; i < chars.Length; i++)
        {
            var angle = -span / 2 + span * (i + 0.5) / chars.Length;
            var state = gfx.Save();
            gfx.TranslateTransform(cx, cy);
            gfx.RotateTransform(angle);
            gfx.DrawString(chars[i], nameFont, brush, new XPoint(0, -textRadius), XStringFormats.Center);
            gfx.Restore(state);
        }

        gfx.DrawString(purpose, Font(r * 0.17, bold: true), brush, new XPoint(cx, cy + r * 0.46), XStringFormats.Center);
        gfx.DrawString(sealCode, Font(r * 0.09), brush, new XPoint(cx, cy + r * 0.72), XStringFormats.Center);
    }

    private static void DrawStar(XGraphics gfx, XBrush brush, double cx, double cy, double outer)
    {
        var inner = outer * 0.382;
        var points = new XPoint[10];
        for (var k = 0; k < 10; k++)
        {
            var radius = k % 2 == 0 ? outer : inner;
            var a = (-90 + k * 36) * Math.PI / 180;
            points[k] = new XPoint(cx + radius * Math.Cos(a), cy + radius * Math.Sin(a));
        }
        gfx.DrawPolygon(brush, points, XFillMode.Winding);
    }
}
