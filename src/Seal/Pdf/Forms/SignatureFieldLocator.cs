using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Forms;

/// <summary>Finds the signature fields of a document's AcroForm (walking /Kids, inheriting /FT, qualifying names with '.').</summary>
public static class SignatureFieldLocator
{
    private const int MaxFields = 10_000;

    public static IReadOnlyList<SignatureField> FindAll(PdfDocumentReader document)
    {
        var result = new List<SignatureField>();
        var acroForm = document.Resolve<PdfDictionary>(document.Catalog["AcroForm"]);
        if (acroForm is null || document.Resolve(acroForm["Fields"]) is not PdfArray fields)
        {
            return result;
        }
        var visited = new HashSet<PdfReference>();
        var pageOfAnnotation = new Lazy<Dictionary<PdfReference, PdfReference>>(() => IndexAnnotations(document));
        foreach (var f in fields.OfType<PdfReference>())
        {
            Walk(f, parentName: null, inheritedType: null, depth: 0);
        }
        return result;

        void Walk(PdfReference reference, string? parentName, string? inheritedType, int depth)
        {
            if (depth > document.Limits.MaxNestingDepth || visited.Count > MaxFields || !visited.Add(reference))
            {
                throw new PdfFormatException("form field tree too deep, too large or with a loop");
            }
            if (document.GetObject(reference) is not PdfDictionary node)
            {
                return;
            }
            var partial = document.Resolve<PdfString>(node["T"])?.ToText();
            var name = partial is null ? parentName : parentName is null ? partial : parentName + "." + partial;
            var type = node.GetName("FT")?.Value ?? inheritedType;
            var kids = document.Resolve<PdfArray>(node["Kids"]);
            var fieldKids = kids?.OfType<PdfReference>().Where(k => document.GetObject(k) is PdfDictionary d && d.ContainsKey("T")).ToList() ?? [];
            if (fieldKids.Count > 0)
            {
                foreach (var kid in fieldKids)
                {
                    Walk(kid, name, type, depth + 1);
                }
                return;
            }
            if (type != "Sig" || name is null)
            {
                return;
            }
            var widgetRef = reference;
            var widget = node;
            if (node.GetName("Subtype")?.Value != "Widget" && kids is { Count: > 0 } && kids[0] is PdfReference w && document.GetObject(w) is PdfDictionary wd)
            {
                widgetRef = w;
                widget = wd;
            }
            var rect = document.Resolve<PdfArray>(widget["Rect"]) is { Count: 4 } r
                ? r.Select(v => document.Resolve(v) switch { PdfInteger i => (double)i.Value, PdfReal d => d.Value, _ => 0d }).ToArray()
                : [0d, 0d, 0d, 0d];
            var page = widget["P"] as PdfReference;
            if (page is null && pageOfAnnotation.Value.TryGetValue(widgetRef, out var found))
            {
                page = found;
            }
            result.Add(new SignatureField(name, reference, node, widgetRef, widget, page, rect));
        }
    }

    private static Dictionary<PdfReference, PdfReference> IndexAnnotations(PdfDocumentReader document)
    {
        var map = new Dictionary<PdfReference, PdfReference>();
        foreach (var (pageRef, page) in document.GetPages())
        {
            if (document.Resolve(page["Annots"]) is PdfArray annots)
            {
                foreach (var a in annots.OfType<PdfReference>())
                {
                    map.TryAdd(a, pageRef);
                }
            }
        }
        return map;
    }
}
