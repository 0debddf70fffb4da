using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>Draws a signature widget's normal appearance (/AP /N) as a Form XObject added to the update.</summary>
public interface ISignatureAppearance
{
    PdfReference Build(IncrementalUpdateWriter writer, SignatureAppearanceContext context);
}

/// <summary>What an appearance may show: the widget's size and the signer's name and time.</summary>
public sealed record SignatureAppearanceContext(double Width, double Height, string? SignerName, DateTimeOffset SigningTime);
