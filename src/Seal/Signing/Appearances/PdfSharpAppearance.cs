using OneThing.Fonts;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// Base for appearances drawn with PDFsharp (which embeds subsets of the CJK font): draws on a
/// standalone page of the widget's size and imports it as a Form XObject. PDFsharp never touches
/// the signed document itself.
/// </summary>
public abstract class PdfSharpAppearance : ISignatureAppearance
{
    public virtual PdfReference Build(IncrementalUpdateWriter writer, SignatureAppearanceContext context) =>
        FormXObjectImporter.Import(Render(context), writer);

    /// <summary>The standalone one-page PDF holding the appearance.</summary>
    public virtual byte[] Render(SignatureAppearanceContext context) => RenderPage(context.Width, context.Height, gfx => Draw(gfx, context));

    /// <summary>A standalone one-page PDF of the given size, drawn by <paramref name="draw"/>.</summary>
    protected static byte[] RenderPage(double width, double height, Action<XGraphics> draw)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        // An intermediate: FormXObjectImporter compacts the fonts and deflates every stream it copies.
        // PDFsharp's CJK subset keeps the font's full glyph index tables (~360 KB), which it would
        // otherwise deflate here for nothing.
        document.Options.NoCompression = true;
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(width);
        page.Height = XUnit.FromPoint(height);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            draw(gfx);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    protected abstract void Draw(XGraphics gfx, SignatureAppearanceContext context);

    /// <summary>Always a Type0 (CID) font: the form that <see cref="FormXObjectImporter"/> can compact.</summary>
    protected static XFont Font(double size, bool bold = false) =>
        new(PdfFonts.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
}
