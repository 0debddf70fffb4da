using System.Globalization;
using System.Text;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// The picture of a GB/T 38540 seal (SES_ESPictrueInfo, PNG) as the widget's appearance: scaled to fit the widget,
/// aspect ratio kept, centred. The picture is the one the seal maker signed, so what the page shows is the seal.
/// </summary>
public sealed class SealPictureAppearance : ISignatureAppearance
{
    private readonly HandwritingImage _image;

    /// <exception cref="SigningException">The picture is not a readable PNG.</exception>
    public SealPictureAppearance(byte[] png) => _image = HandwritingImage.Decode(png);

    public PdfReference Build(IncrementalUpdateWriter writer, SignatureAppearanceContext context)
    {
        var image = _image.AddTo(writer);
        var scale = Math.Min(context.Width / _image.Width, context.Height / _image.Height);
        var (w, h) = (_image.Width * scale, _image.Height * scale);
        var (x, y) = ((context.Width - w) / 2, (context.Height - h) / 2);
        var content = string.Create(CultureInfo.InvariantCulture, $"q {w:0.#####} 0 0 {h:0.#####} {x:0.#####} {y:0.#####} cm /Seal Do Q\n");
        return writer.Add(new PdfStream(new PdfDictionary
        {
            ["Type"] = new PdfName("XObject"),
            ["Subtype"] = new PdfName("Form"),
            ["BBox"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfReal(context.Width), new PdfReal(context.Height)),
            ["Resources"] = new PdfDictionary { ["XObject"] = new PdfDictionary { ["Seal"] = image } },
        }, Encoding.ASCII.GetBytes(content)));
    }
}
