using System.Globalization;
using OneThing.Seal.Signing.Appearances;
using PdfSharp.Drawing;

namespace OneThing.SigningApi.Staff;

/// <summary>
/// A visible appearance for a signer without a handwriting image (the loan officer signs from the
/// staff console, where none is captured): a thin frame, the role label with the name, and the
/// signing time in UTC+8 — the same text lines the handwritten appearance shows under its image.
/// </summary>
public sealed class SignerNameAppearance(string label, string signerName) : PdfSharpAppearance
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    protected override void Draw(XGraphics gfx, SignatureAppearanceContext context)
    {
        var w = context.Width;
        var h = context.Height;
        gfx.DrawRectangle(new XPen(XColors.DarkSlateGray, 0.6), 1, 1, w - 2, h - 2);
        var fontSize = Math.Clamp(h * 0.2, 5, 14);
        gfx.DrawString(label, Font(fontSize * 0.85), XBrushes.Black, new XRect(0, 0, w, h * 0.33), XStringFormats.Center);
        gfx.DrawString(signerName, Font(fontSize * 1.2, bold: true), XBrushes.Black, new XRect(0, h * 0.28, w, h * 0.4), XStringFormats.Center);
        var time = context.SigningTime.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+8)";
        gfx.DrawString(time, Font(fontSize * 0.75), XBrushes.Black, new XRect(0, h * 0.66, w, h * 0.33), XStringFormats.Center);
    }
}
