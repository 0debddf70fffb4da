using OneThing.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>Creates the XFonts of each <see cref="TextStyle"/>; Unicode encoding gives CID fonts with a ToUnicode map (searchable Chinese).</summary>
public static class PdfFontFactory
{
    public static XPdfFontOptions Options { get; } = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    public static XFont Create(TextStyle style) =>
        new(PdfFonts.FamilyName, TextStyles.Size(style), TextStyles.IsBold(style) ? XFontStyleEx.Bold : XFontStyleEx.Regular, Options);
}
