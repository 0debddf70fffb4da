using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>Assigns a role to the objects of one revision by walking its catalog, form fields, pages and DSS.</summary>
public sealed class ObjectRoleMap
{
    private const int MaxFields = 10_000;
    private readonly Dictionary<int, ObjectRole> _roles;

    /// <param name="expectedCount">How many roles to make room for at once (a neighbouring revision's count), 0 to grow as needed.</param>
    public ObjectRoleMap(PdfDocumentReader document, int expectedCount = 0)
    {
        _roles = new(expectedCount);
        var catalog = document.Catalog;
        Set(document.RootReference, ObjectRole.Catalog);
        if (document.Trailer["Info"] is PdfReference info)
        {
            Set(info, ObjectRole.Info);
        }
        MapDss(document, catalog["DSS"]);
        if (catalog["AcroForm"] is PdfReference formRef)
        {
            Set(formRef, ObjectRole.AcroForm);
        }
        if (document.Resolve<PdfDictionary>(catalog["AcroForm"]) is { } form)
        {
            if (form["Fields"] is PdfReference fieldsRef)
            {
                Set(fieldsRef, ObjectRole.FieldsArray);
            }
            var visited = new HashSet<PdfReference>();
            foreach (var field in document.Resolve<PdfArray>(form["Fields"])?.OfType<PdfReference>() ?? [])
            {
                MapField(document, field, null, null, 0, visited);
            }
        }
        var pageNumber = 0;
        foreach (var (pageRef, page) in document.GetPages())
        {
            pageNumber++;
            Set(pageRef, new(ObjectRoleKind.Page, PageNumber: pageNumber));
            if (page["Annots"] is PdfReference annotsRef)
            {
                Set(annotsRef, new(ObjectRoleKind.PageAnnots, PageNumber: pageNumber));
            }
            // Signature widgets only reachable from the page (not listed in /Fields) are fields too.
            foreach (var annotation in document.Resolve<PdfArray>(page["Annots"])?.OfType<PdfReference>() ?? [])
            {
                if (!_roles.ContainsKey(annotation.Number) && document.GetObject(annotation) is PdfDictionary widget && widget.GetName("FT")?.Value == "Sig")
                {
                    MapField(document, annotation, null, null, 0, []);
                }
            }
        }
    }

    /// <summary>How many objects have a role.</summary>
    public int Count => _roles.Count;

    public ObjectRole this[int number] => _roles.TryGetValue(number, out var role) ? role : ObjectRole.Other;

    private void Set(PdfReference reference, ObjectRole role) => _roles.TryAdd(reference.Number, role);

    private void MapDss(PdfDocumentReader document, PdfObject? dssValue)
    {
        if (dssValue is PdfReference dssRef)
        {
            Set(dssRef, ObjectRole.Dss);
        }
        if (document.Resolve<PdfDictionary>(dssValue) is not { } dss)
        {
            return;
        }
        foreach (var (_, value) in dss)
        {
            if (value is PdfReference r)
            {
                Set(r, ObjectRole.Dss);
            }
            if (document.Resolve(value) is PdfArray array)
            {
                foreach (var item in array.OfType<PdfReference>())
                {
                    Set(item, ObjectRole.Dss);
                }
            }
            else if (document.Resolve(value) is PdfDictionary vri)
            {
                foreach (var (_, entry) in vri)
                {
                    if (entry is PdfReference e)
                    {
                        Set(e, ObjectRole.Dss);
                    }
                }
            }
        }
    }

    private void MapField(PdfDocumentReader document, PdfReference reference, string? parentName, string? inheritedType, int depth, HashSet<PdfReference> visited)
    {
        if (depth > document.Limits.MaxNestingDepth || visited.Count > MaxFields || !visited.Add(reference)
            || document.GetObject(reference) is not PdfDictionary node)
        {
            return;
        }
        var partial = document.Resolve<PdfString>(node["T"])?.ToText();
        var name = partial is null ? parentName : parentName is null ? partial : parentName + "." + partial;
        var type = node.GetName("FT")?.Value ?? inheritedType;
        var isSig = type == "Sig";
        var signed = node["V"] is not null;
        var isWidgetOnly = partial is null && node.GetName("Subtype")?.Value == "Widget";
        Set(reference, new(isWidgetOnly ? ObjectRoleKind.Widget : ObjectRoleKind.Field, name, isSig, signed));
        if (isSig && node["V"] is PdfReference value)
        {
            Set(value, new(ObjectRoleKind.SignatureValue, name, true, true));
        }
        MapAppearances(document, node, name, isSig, signed);
        foreach (var kid in document.Resolve<PdfArray>(node["Kids"])?.OfType<PdfReference>() ?? [])
        {
            MapField(document, kid, name, type, depth + 1, visited);
        }
    }

    private void MapAppearances(PdfDocumentReader document, PdfDictionary widget, string? name, bool isSig, bool signed)
    {
        if (document.Resolve<PdfDictionary>(widget["AP"]) is not { } ap)
        {
            return;
        }
        foreach (var (_, value) in ap)
        {
            if (value is PdfReference r)
            {
                Set(r, new(ObjectRoleKind.Appearance, name, isSig, signed));
            }
            else if (value is PdfDictionary states)
            {
                foreach (var state in states.Select(s => s.Value).OfType<PdfReference>())
                {
                    Set(state, new(ObjectRoleKind.Appearance, name, isSig, signed));
                }
            }
        }
    }
}
