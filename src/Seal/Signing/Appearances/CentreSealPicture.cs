using OneThing.Fonts;
using SkiaSharp;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// The centre's round red seal as a PNG picture for a GB/T 38540 seal (SES_ESPictrueInfo): ring, five-pointed star,
/// the centre's name along the upper arc, the purpose under the star and the seal code at the bottom — the layout of
/// <see cref="CentreSealAppearance"/>, rasterised because a seal carries a picture, not vectors. Transparent outside
/// the ink, so the page shows through as under a stamp.
/// </summary>
public static class CentreSealPicture
{
    private static readonly SKColor SealRed = new(220, 20, 30);

    /// <param name="pixels">Width and height of the square picture (e.g. 472 px: 40 mm at 300 dpi).</param>
    public static byte[] Render(string centreName, string sealCode, string purpose = "合同专用章", int pixels = 472, CjkFontOptions? font = null)
    {
        using var typeface = SKTypeface.FromFile((font ?? new CjkFontOptions()).ResolvePath(), 0)
            ?? throw new SigningException("the CJK font for the seal picture cannot be loaded");
        using var surface = SKSurface.Create(new SKImageInfo(pixels, pixels, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        float c = pixels / 2f, r = pixels / 2f * 0.96f;
        using var ink = new SKPaint { Color = SealRed, IsAntialias = true };

        var ring = r * 0.055f;
        ink.Style = SKPaintStyle.Stroke;
        ink.StrokeWidth = ring;
        canvas.DrawCircle(c, c, r - ring / 2, ink);
        ink.Style = SKPaintStyle.Fill;

        var outer = r * 0.27f;
        var points = new SKPoint[10];
        for (var k = 0; k < 10; k++)
        {
            var radius = k % 2 == 0 ? outer : outer * 0.382f;
            var a = (-90 + k * 36) * MathF.PI / 180;
            points[k] = new SKPoint(c + radius * MathF.Cos(a), c + radius * MathF.Sin(a));
        }
        using (var builder = new SKPathBuilder())
        {
            builder.AddPoly(points, true);
            using var star = builder.Detach();
            canvas.DrawPath(star, ink);
        }

        var chars = centreName.EnumerateRunes().Select(x => x.ToString()).ToArray();
        var span = Math.Min(250f, 22f * chars.Length);
        using var nameFont = new SKFont(typeface, r * Math.Clamp(2.6f / Math.Max(chars.Length, 1), 0.14f, 0.22f)) { Embolden = true };
        for (var i = 0; i < chars.Length; i++)
        {
            var angle = -span / 2 + span * (i + 0.5f) / chars.Length;
            canvas.Save();
            canvas.Translate(c, c);
            canvas.RotateDegrees(angle);
            DrawCentred(canvas, chars[i], 0, -r * 0.72f, nameFont, ink);
            canvas.Restore();
        }
        using var purposeFont = new SKFont(typeface, r * 0.17f) { Embolden = true };
        DrawCentred(canvas, purpose, c, c + r * 0.46f, purposeFont, ink);
        using var codeFont = new SKFont(typeface, r * 0.09f);
        DrawCentred(canvas, sealCode, c, c + r * 0.72f, codeFont, ink);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Draws <paramref name="text"/> centred horizontally and vertically on (x, y).</summary>
    private static void DrawCentred(SKCanvas canvas, string text, float x, float y, SKFont font, SKPaint paint)
    {
        var width = font.MeasureText(text, out var bounds);
        canvas.DrawText(text, x - width / 2, y - bounds.MidY, SKTextAlign.Left, font, paint);
    }
}
