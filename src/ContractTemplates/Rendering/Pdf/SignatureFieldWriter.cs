using System.Globalization;
using PdfSharp.Pdf;

namespace OneThing.ContractTemplates.Rendering.Pdf;

/// <summary>
/// Adds one empty signature field per <see cref="SignatureFieldSpec"/>: a merged field/widget dictionary with
/// <c>/FT /Sig</c>, no <c>/V</c>, <c>/F 4</c> (print), the spec's <c>/Rect</c>, an empty appearance, referenced
/// from its page's <c>/Annots</c> and from <c>/AcroForm /Fields</c>. The objects are indirect so a signer can later
/// fill a field in place with an incremental update, without rewriting anything signed before.
/// </summary>
public static class SignatureFieldWriter
{
    public static void Write(PdfDocument document, IReadOnlyList<SignatureFieldSpec> fields, IReadOnlyDictionary<string, string> tooltips)
    {
        var acroFields = new PdfArray(document);
        foreach (var spec in fields)
        {
            var page = document.Pages[spec.PageIndex];
            var appearance = new PdfDictionary(document);
            appearance.Elements.SetName("/Type", "/XObject");
            appearance.Elements.SetName("/Subtype", "/Form");
            appearance.Elements["/BBox"] = Numbers(document, 0, 0, spec.Width, spec.Height);
            appearance.CreateStream([]);
            document.Internals.AddObject(appearance);

            var appearanceDictionary = new PdfDictionary(document);
            appearanceDictionary.Elements["/N"] = appearance.Reference;

            var widget = new PdfDictionary(document);
            widget.Elements.SetName("/Type", "/Annot");
            widget.Elements.SetName("/Subtype", "/Widget");
            widget.Elements.SetName("/FT", "/Sig");
            widget.Elements["/T"] = new PdfString(spec.FieldName);
            if (tooltips.TryGetValue(spec.FieldName, out var tooltip))
                widget.Elements["/TU"] = new PdfString(tooltip, PdfStringEncoding.Unicode);
            widget.Elements.SetInteger("/F", 4);
            widget.Elements["/Rect"] = Numbers(document, spec.X, spec.Y, spec.X + spec.Width, spec.Y + spec.Height);
            widget.Elements["/P"] = page.Reference;
            widget.Elements["/AP"] = appearanceDictionary;
            document.Internals.AddObject(widget);

            var annotations = page.Elements.GetArray("/Annots");
            if (annotations is null)
            {
                annotations = new PdfArray(document);
                page.Elements["/Annots"] = annotations;
            }
            annotations.Elements.Add(widget.Reference!);
            acroFields.Elements.Add(widget.Reference!);
        }

        var acroForm = new PdfDictionary(document);
        acroForm.Elements["/Fields"] = acroFields;
        document.Internals.AddObject(acroForm);
        document.Internals.Catalog.Elements["/AcroForm"] = acroForm.Reference;
    }

    private static PdfArray Numbers(PdfDocument document, params double[] values) =>
        new(document, values.Select(v => (PdfItem)new PdfLiteral(v.ToString("0.##", CultureInfo.InvariantCulture))).ToArray());
}
