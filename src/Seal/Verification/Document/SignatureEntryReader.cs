using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Signing.Fields;

namespace OneThing.Seal.Verification.Document;

/// <summary>Lists every filled signature field of a document with its signature dictionary (/V).</summary>
public static class SignatureEntryReader
{
    public static IReadOnlyList<SignatureEntry> Read(PdfDocumentReader document)
    {
        var entries = new List<SignatureEntry>();
        foreach (var field in SignatureFieldLocator.FindAll(document))
        {
            var valueRef = field.Field["V"] as PdfReference;
            if (document.Resolve<PdfDictionary>(field.Field["V"]) is not { } dictionary)
            {
                continue;
            }
            entries.Add(new SignatureEntry(
                field.FullName,
                field.FieldReference,
                valueRef,
                dictionary,
                dictionary.GetName("Type")?.Value,
                dictionary.GetName("SubFilter")?.Value,
                ReadByteRange(document, dictionary),
                document.Resolve<PdfString>(dictionary["Contents"])?.Bytes,
                PdfDate.Parse(document.Resolve<PdfString>(dictionary["M"])?.ToText()),
                ReadDocMdp(document, dictionary),
                ReadLock(document, dictionary, field.Field)));
        }
        return entries;
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
        var parameters = Transforms(document, dictionary)
            .Where(r => r.GetName("TransformMethod")?.Value == "FieldMDP")
            .Select(r => document.Resolve<PdfDictionary>(r["TransformParams"]))
            .FirstOrDefault(p => p is not null)
            ?? document.Resolve<PdfDictionary>(field["Lock"]);
        if (parameters?.GetName("Action")?.Value is not { } action)
        {
            return null;
        }
        var names = document.Resolve<PdfArray>(parameters["Fields"])?
            .Select(document.Resolve).OfType<PdfString>().Select(s => s.ToText()).ToHashSet(StringComparer.Ordinal) ?? [];
        return new FieldLock(action, names);
    }

    private static IEnumerable<PdfDictionary> Transforms(PdfDocumentReader document, PdfDictionary dictionary) =>
        document.Resolve<PdfArray>(dictionary["Reference"])?.Select(document.Resolve).OfType<PdfDictionary>() ?? [];
}
