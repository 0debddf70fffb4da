using System.Globalization;
using PdfSharp.Drawing;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// An applicant's or officer's appearance: the handwritten signature image (PNG with transparency,
/// embedded as an image XObject with an /SMask) above the signer's name and the signing time in UTC+8.
/// </summary>
public sealed class HandwrittenSignatureAppearance(byte[] signaturePng, string signerName) : PdfSharpAppearance
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    // PDFsharp's PNG decoder needs ~12 ms for a 600×220 pad image; one appearance draws into every
    // document of a case, so the image is decoded once per appearance and reused (drawing is serialised).
    private readonly Lazy<XImage> _image = new(() => Decode(signaturePng));
    private readonly Lock _drawing = new();

    protected override void Draw(XGraphics gfx, SignatureAppearanceContext context)
    {
        lock (_drawing)
        {
            DrawLocked(gfx, context);
        }
    }

    private static XImage Decode(byte[] png)
    {
        try
        {
            // The stream stays open: PDFsharp may read the image bytes again when it writes the document.
            return XImage.FromStream(new MemoryStream(png, writable: false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new SigningException("the handwritten signature is not a readable PNG image: " + ex.Message, ex);
        }
    }

    private void DrawLocked(XGraphics gfx, SignatureAppearanceContext context)
    {
        var w = context.Width;
        var h = context.Height;
        var textHeight = Math.Min(h * 0.32, 36);
        var imageBox = new XRect(2, 2, w - 4, h - textHeight - 4);
        var image = _image.Value;
        var scale = Math.Min(imageBox.Width / image.PointWidth, imageBox.Height / image.PointHeight);
        var iw = image.PointWidth * scale;
        var ih = image.PointHeight * scale;
        gfx.DrawImage(image, imageBox.X + (imageBox.Width - iw) / 2, imageBox.Y + (imageBox.Height - ih) / 2, iw, ih);
        var local = context.SigningTime.ToOffset(ChinaStandardTime);
        var fontSize = Math.Max(5, textHeight * 0.4);
        var font = Font(fontSize);
        var brush = XBrushes.Black;
        var lineTop = h - textHeight;
        gfx.DrawString(signerName, font, brush, new XRect(0, lineTop, w, textHeight / 2), XStringFormats.Center);
        var time = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+8)";
        gfx.DrawString(time, Font(fontSize * 0.85), brush, new XRect(0, lineTop + textHeight / 2, w, textHeight / 2), XStringFormats.Center);
    }
}
