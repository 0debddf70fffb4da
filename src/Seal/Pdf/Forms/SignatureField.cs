using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Forms;

/// <summary>
/// A signature form field of a document: the field object (holding /T, /FT, /V, /Lock) and its
/// widget annotation (holding /Rect, /AP); they are the same object when the field is merged with its widget.
/// </summary>
public sealed record SignatureField(
    string FullName,
    PdfReference FieldReference,
    PdfDictionary Field,
    PdfReference WidgetReference,
    PdfDictionary Widget,
    PdfReference? PageReference,
    double[] Rect)
{
    public bool IsSigned => Field["V"] is not null;
    public bool IsMergedWithWidget => FieldReference.Equals(WidgetReference);
    public double Width => Math.Abs(Rect[2] - Rect[0]);
    public double Height => Math.Abs(Rect[3] - Rect[1]);
}
