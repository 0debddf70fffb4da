using System.Globalization;
using System.Text;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using PdfSharp.Drawing;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// An applicant's or officer's appearance: the handwritten signature image (PNG with transparency,
/// embedded as an image XObject with an /SMask) above the signer's name and the signing time in UTC+8.
/// </summary>
/// <remarks>
/// One appearance draws into every document of a case. PDFsharp decodes a 600×220 pad PNG in ~17 ms
/// and converts and deflates the pixels again for every document it draws them into, so in a signed
/// document the image is a <see cref="HandwritingImage"/>, decoded and deflated once per appearance,
/// and only the text is drawn by PDFsharp; a small form places both where <see cref="PdfSharpAppearance.Render"/>
/// (the whole appearance drawn by PDFsharp) puts them.
/// </remarks>
public sealed class HandwrittenSignatureAppearance : PdfSharpAppearance
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private readonly string _signerName;
    private readonly Lazy<HandwritingImage> _image;
    private readonly Lazy<XImage> _pdfSharpImage;
    // The text differs only by widget size and the signing time's second, usually the same for all
    // documents signed in one act: drawn once per distinct form.
    private readonly Dictionary<(double Width, double Height, string Time), byte[]> _textPages = [];
    // PDFsharp objects are not thread-safe and the decoded image is shared: drawing is serialised.
    private readonly Lock _drawing = new();

    public HandwrittenSignatureAppearance(byte[] signaturePng, string signerName)
    {
        _signerName = signerName;
        _image = new(() => HandwritingImage.Decode(signaturePng));
        _pdfSharpImage = new(() => Decode(signaturePng));
    }

    public override PdfReference Build(IncrementalUpdateWriter writer, SignatureAppearanceContext context)
    {
        var placement = Place(context);
        var time = LocalTime(context);
        byte[]? textPage;
        lock (_drawing)
        {
            if (!_textPages.TryGetValue((context.Width, context.Height, time), out textPage))
            {
                textPage = RenderPage(context.Width, context.Height, gfx => DrawText(gfx, context, placement, time));
                _textPages[(context.Width, context.Height, time)] = textPage;
            }
        }
        var image = _image.Value.AddTo(writer);
        var text = FormXObjectImporter.Import(textPage, writer);
        var (x, y, w, h) = placement.Image;
        // PDF space grows upwards from the bottom-left corner; the placement is measured from the top.
        var content = string.Create(CultureInfo.InvariantCulture,
            $"q {w:0.#####} 0 0 {h:0.#####} {x:0.#####} {context.Height - y - h:0.#####} cm /Img Do Q\n/Txt Do\n");
        return writer.Add(new PdfStream(new PdfDictionary
        {
            ["Type"] = new PdfName("XObject"),
            ["Subtype"] = new PdfName("Form"),
            ["BBox"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfReal(context.Width), new PdfReal(context.Height)),
            ["Resources"] = new PdfDictionary { ["XObject"] = new PdfDictionary { ["Img"] = image, ["Txt"] = text } },
        }, Encoding.ASCII.GetBytes(content)));
    }

    protected override void Draw(XGraphics gfx, SignatureAppearanceContext context)
    {
        lock (_drawing)
        {
            var placement = Place(context);
            var (x, y, w, h) = placement.Image;
            gfx.DrawImage(_pdfSharpImage.Value, x, y, w, h);
            DrawText(gfx, context, placement, LocalTime(context));
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

    /// <summary>The image scaled to fit above the text band, centred; the band's height.</summary>
    private Placement Place(SignatureAppearanceContext context)
    {
        var w = context.Width;
        var h = context.Height;
        var textHeight = Math.Min(h * 0.32, 36);
        var imageBox = new XRect(2, 2, w - 4, h - textHeight - 4);
        var image = _image.Value;
        var scale = Math.Min(imageBox.Width / image.Width, imageBox.Height / image.Height);
        var iw = image.Width * scale;
        var ih = image.Height * scale;
        return new Placement((imageBox.X + (imageBox.Width - iw) / 2, imageBox.Y + (imageBox.Height - ih) / 2, iw, ih), textHeight);
    }

    private static string LocalTime(SignatureAppearanceContext context) =>
        context.SigningTime.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+8)";

    private void DrawText(XGraphics gfx, SignatureAppearanceContext context, Placement placement, string time)
    {
        var w = context.Width;
        var textHeight = placement.TextHeight;
        var fontSize = Math.Max(5, textHeight * 0.4);
        var brush = XBrushes.Black;
        var lineTop = context.Height - textHeight;
        gfx.DrawString(_signerName, Font(fontSize), brush, new XRect(0, lineTop, w, textHeight / 2), XStringFormats.Center);
        gfx.DrawString(time, Font(fontSize * 0.85), brush, new XRect(0, lineTop + textHeight / 2, w, textHeight / 2), XStringFormats.Center);
    }

    /// <summary>Where the image goes (top-left origin, points) and how tall the text band below it is.</summary>
    private readonly record struct Placement((double X, double Y, double W, double H) Image, double TextHeight);
}
