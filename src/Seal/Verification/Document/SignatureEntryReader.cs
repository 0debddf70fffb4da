using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Document;

/// <summary>Lists every filled signature field of a document with its signature dictionary (/V).</summary>
internal static class SignatureEntryReader
{
    public static IReadOnlyList<SignatureEntry> Read(PdfDocumentReader document)
    {
        var entries = new List<SignatureEntry>();
        var seen = new HashSet<PdfReference>();
        foreach (var field in SignatureFieldLocator.FindAll(document))
        {
            seen.Add(field.FieldReference);
            seen.Add(field.WidgetReference);
            if (Entry(document, field.FullName, field.FieldReference, field.Field) is { } entry)
            {
                entries.Add(entry);
            }
        }
        // Signature widgets reachable only from a page's /Annots (some producers, e.g. pdfsig on a
        // direct /AcroForm, never list the new field): a verifier must not overlook them.
        foreach (var (_, page) in document.GetPages())
        {
            foreach (var annotation in document.Resolve<PdfArray>(page["Annots"])?.OfType<PdfReference>() ?? [])
            {
                if (seen.Add(annotation) && document.GetObject(annotation) is PdfDictionary widget
                    && widget.GetName("Subtype")?.Value == "Widget" && widget.GetName("FT")?.Value == "Sig"
                    && Entry(document, document.Resolve<PdfString>(widget["T"])?.ToText() ?? $"(unlisted field {annotation.Number})", annotation, widget) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }
        return entries;
    }

    /// <summary>
    /// One problem per signature dictionary that is the /V of more than one field. A signature belongs to
    /// the one field it was made for; a second field naming it would be reported as a second valid
    /// signature by a signer who never signed that field.
    /// </summary>
    public static IReadOnlyList<string> SharedValues(IReadOnlyList<SignatureEntry> entries) =>
        [.. entries.Where(e => e.DictionaryReference is not null)
            .GroupBy(e => e.DictionaryReference!)
            .Where(g => g.Count() > 1)
            .Select(g => $"signature dictionary {g.Key.Number} {g.Key.Generation} R is the value (/V) of several fields "
                + $"('{string.Join("', '", g.Select(e => e.FieldName))}'); a signature belongs to one field only")];

    private static SignatureEntry? Entry(PdfDocumentReader document, string name, PdfReference fieldReference, PdfDictionary field)
    {
        var valueRef = field["V"] as PdfReference;
        if (document.Resolve<PdfDictionary>(field["V"]) is not { } dictionary)
        {
            return null;
        }
        return new SignatureEntry(
            name,
            fieldReference,
            valueRef,
            dictionary,
            dictionary.GetName("Type")?.Value,
            dictionary.GetName("SubFilter")?.Value,
            ReadByteRange(document, dictionary),
            document.Resolve<PdfString>(dictionary["Contents"]),
            PdfDate.Parse(document.Resolve<PdfString>(dictionary["M"])?.ToText()),
            ReadDocMdp(document, dictionary),
            ReadLock(document, dictionary, field));
    }

    private static IReadOnlyList<long>? ReadByteRange(PdfDocumentReader document, PdfDictionary dictionary)
    {
        if (document.Resolve<PdfArray>(dictionary["ByteRange"]) is not { } array)
        {
            return null;
        }
        var values = new List<long>(array.Count);
        foreach (var item in array)
        {
            if (document.Resolve(item) is not PdfInteger integer)
            {
                return null;
            }
            values.Add(integer.Value);
        }
        return values;
    }

    private static int? ReadDocMdp(PdfDocumentReader document, PdfDictionary dictionary)
    {
        foreach (var reference in Transforms(document, dictionary))
        {
            if (reference.GetName("TransformMethod")?.Value == "DocMDP")
            {
                var p = document.Resolve<PdfDictionary>(reference["TransformParams"])?["P"] is PdfInteger pi ? (int)pi.Value : 2;
                return p is >= 1 and <= 3 ? p : 2;
            }
        }
        return null;
    }

    private static FieldLock? ReadLock(PdfDocumentReader document, PdfDictionary dictionary, PdfDictionary field)
    {
        var transform = Transforms(document, dictionary)
            .Where(r => r.GetName("TransformMethod")?.Value == "FieldMDP")
            .Select(r => document.Resolve<PdfDictionary>(r["TransformParams"]))
            .FirstOrDefault(p => p is not null);
        var fieldLock = document.Resolve<PdfDictionary>(field["Lock"]);
        var parameters = transform ?? fieldLock;
        if (parameters?.GetName("Action")?.Value is not { } action)
        {
            return null;
        }
        var names = document.Resolve<PdfArray>(parameters["Fields"])?
            .Select(document.Resolve).OfType<PdfString>().Select(s => s.ToText()).ToHashSet(StringComparer.Ordinal) ?? [];
        // /P in the field's lock (PDF 2.0) or in the signed FieldMDP parameters (as Acrobat writes it): the stricter counts.
        int? permission = null;
        foreach (var source in new[] { transform, fieldLock })
        {
            if (source is not null && document.Resolve(source["P"]) is PdfInteger { Value: >= 1 and <= 3 } p && (permission is null || p.Value < permission))
            {
                permission = (int)p.Value;
            }
        }
        return new FieldLock(action, names, permission);
    }

    private static IEnumerable<PdfDictionary> Transforms(PdfDocumentReader document, PdfDictionary dictionary) =>
        document.Resolve<PdfArray>(dictionary["Reference"])?.Select(document.Resolve).OfType<PdfDictionary>() ?? [];
}
