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

    protected override void Draw(XGraphics gfx, SignatureAppearanceContext context)
    {
        var w = context.Width;
        var h = context.Height;
        var textHeight = Math.Min(h * 0.32, 36);
        var imageBox = new XRect(2, 2, w - 4, h - textHeight - 4);
        using (var stream = new MemoryStream(signaturePng, writable: false))
        {
            XImage image;
            try
            {
                image = XImage.FromStream(stream);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new SigningException("the handwritten signature is not a readable PNG image: " + ex.Message, ex);
            }
            using (image)
            {
                var scale = Math.Min(imageBox.Width / image.PointWidth, imageBox.Height / image.PointHeight);
                var iw = image.PointWidth * scale;
                var ih = image.PointHeight * scale;
                gfx.DrawImage(image, imageBox.X + (imageBox.Width - iw) / 2, imageBox.Y + (imageBox.Height - ih) / 2, iw, ih);
            }
        }
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
