using System.Globalization;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Signing.Appearances;

namespace OneThing.Seal.Signing;

/// <summary>The content of a signature dictionary to be placed into a field.</summary>
internal sealed record SignatureRevisionSpec(
    string SubFilter,
    DateTimeOffset SigningTime,
    int ContentsReserve,
    bool Certify = false,
    bool LockAllFields = false,
    string? Name = null,
    string? Reason = null,
    string? Location = null,
    string? ContactInfo = null,
    ISignatureAppearance? Appearance = null,
    int? SealSignatureReserve = null)
{
    public bool IsDocumentTimestamp => SubFilter == PadesSubFilters.Rfc3161;
}

internal static class PadesSubFilters
{
    public const string CadesDetached = "ETSI.CAdES.detached";
    public const string Rfc3161 = "ETSI.RFC3161";
}

/// <summary>
/// Writes the incremental update that fills a signature field: the signature dictionary with
/// placeholders, the field's /V (and /Lock), the widget's appearance, the AcroForm's /SigFlags and,
/// for a certification, the catalog's /Perms /DocMDP with its /Reference transform.
/// </summary>
internal static class SignatureRevisionBuilder
{
    public static ByteRangeSlot Build(PdfDocumentReader document, SignatureField field, SignatureRevisionSpec spec)
    {
        var writer = new IncrementalUpdateWriter(document);
        var sigDict = new PdfDictionary
        {
            ["Type"] = new PdfName(spec.IsDocumentTimestamp ? "DocTimeStamp" : "Sig"),
            ["Filter"] = new PdfName("Adobe.PPKLite"),
            ["SubFilter"] = new PdfName(spec.SubFilter),
            ["ByteRange"] = new PdfByteRangePlaceholder(),
            ["Contents"] = new PdfContentsPlaceholder(spec.ContentsReserve),
        };
        if (!spec.IsDocumentTimestamp)
        {
            sigDict["M"] = new PdfString(System.Text.Encoding.ASCII.GetBytes(FormatDate(spec.SigningTime)));
            AddText(sigDict, "Name", spec.Name);
            AddText(sigDict, "Reason", spec.Reason);
            AddText(sigDict, "Location", spec.Location);
            AddText(sigDict, "ContactInfo", spec.ContactInfo);
        }
        if (spec.SealSignatureReserve is { } sealReserve)
        {
            sigDict[Crypto.Ses.PdfSealSignature.Key] = new PdfSealSignaturePlaceholder(sealReserve);
        }
        var references = new PdfArray();
        if (spec.Certify)
        {
            references.Add(TransformReference("DocMDP", new PdfDictionary { ["P"] = new PdfInteger(2) }));
        }
        if (spec.LockAllFields)
        {
            // /P 1 (PDF 2.0 lock permission, in the signed parameters as Acrobat writes it) makes the document final:
            // after this signature only DSS updates and document timestamps are permitted.
            references.Add(TransformReference("FieldMDP", new PdfDictionary { ["Action"] = new PdfName("All"), ["P"] = new PdfInteger(1) }));
        }
        if (references.Count > 0)
        {
            sigDict["Reference"] = references;
        }
        var sigRef = writer.Add(sigDict);

        var fieldDict = field.Field.ShallowClone();
        fieldDict["V"] = sigRef;
        if (spec.LockAllFields)
        {
            fieldDict["Lock"] = new PdfDictionary { ["Type"] = new PdfName("SigFieldLock"), ["Action"] = new PdfName("All"), ["P"] = new PdfInteger(1) };
        }
        var widgetDict = field.IsMergedWithWidget ? fieldDict : field.Widget.ShallowClone();
        if (spec.Appearance is not null && field.Width > 0 && field.Height > 0)
        {
            var ap = spec.Appearance.Build(writer, new SignatureAppearanceContext(field.Width, field.Height, spec.Name, spec.SigningTime));
            widgetDict["AP"] = new PdfDictionary { ["N"] = ap };
        }
        writer.Set(field.FieldReference, fieldDict);
        if (!field.IsMergedWithWidget)
        {
            writer.Set(field.WidgetReference, widgetDict);
        }

        UpdateCatalogAndForm(document, writer, spec.Certify ? sigRef : null, extraField: null);
        return new ByteRangeSlot(writer.Write());
    }

    /// <summary>Sets /SigFlags 3 on the AcroForm, optionally adds a new field to /Fields and /Perms /DocMDP to the catalog.</summary>
    public static void UpdateCatalogAndForm(PdfDocumentReader document, IncrementalUpdateWriter writer, PdfReference? docMdpSignature, PdfReference? extraField, Action<PdfDictionary>? changeCatalog = null)
    {
        var catalog = document.Catalog.ShallowClone();
        var catalogChanged = false;
        var formRef = catalog["AcroForm"] as PdfReference;
        var form = (document.Resolve<PdfDictionary>(catalog["AcroForm"]) ?? new PdfDictionary()).ShallowClone();
        var formChanged = false;
        if (form["SigFlags"] is not PdfInteger { Value: 3 })
        {
            form["SigFlags"] = new PdfInteger(3);
            formChanged = true;
        }
        if (extraField is not null)
        {
            var fields = (document.Resolve<PdfArray>(form["Fields"]) ?? new PdfArray()).DeepClone() as PdfArray;
            fields!.Add(extraField);
            if (form["Fields"] is PdfReference fieldsRef)
            {
                writer.Set(fieldsRef, fields);
            }
            else
            {
                form["Fields"] = fields;
                formChanged = true;
            }
        }
        if (formChanged)
        {
            if (formRef is not null)
            {
                writer.Set(formRef, form);
            }
            else
            {
                catalog["AcroForm"] = form;
                catalogChanged = true;
            }
        }
        if (docMdpSignature is not null)
        {
            var perms = (document.Resolve<PdfDictionary>(catalog["Perms"]) ?? new PdfDictionary()).ShallowClone();
            perms["DocMDP"] = docMdpSignature;
            catalog["Perms"] = perms;
            catalogChanged = true;
        }
        if (changeCatalog is not null)
        {
            changeCatalog(catalog);
            catalogChanged = true;
        }
        if (catalogChanged)
        {
            writer.Set(document.RootReference, catalog);
        }
    }

    /// <summary>PDF date in UTC (§7.9.4), e.g. <c>D:20261126003700Z</c>.</summary>
    public static string FormatDate(DateTimeOffset time) => "D:" + time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    private static PdfDictionary TransformReference(string method, PdfDictionary parameters)
    {
        parameters["Type"] = new PdfName("TransformParams");
        parameters["V"] = new PdfName("1.2");
        return new PdfDictionary
        {
            ["Type"] = new PdfName("SigRef"),
            ["TransformMethod"] = new PdfName(method),
            ["TransformParams"] = parameters,
        };
    }

    private static void AddText(PdfDictionary dict, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            dict[key] = PdfString.FromText(value);
        }
    }
}
