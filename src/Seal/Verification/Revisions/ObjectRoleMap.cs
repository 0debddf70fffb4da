using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>Assigns a role to the objects of one revision by walking its catalog, form fields, pages and DSS.</summary>
internal sealed class ObjectRoleMap
{
    private const int MaxFields = 10_000;
    private readonly Dictionary<int, ObjectRole> _roles;

    /// <param name="expectedCount">How many roles to make room for at once (a neighbouring revision's count), 0 to grow as needed.</param>
    public ObjectRoleMap(PdfDocumentReader document, int expectedCount = 0)
    {
        _roles = new(expectedCount);
        var catalog = document.Catalog;
        Set(document.RootReference, ObjectRole.Catalog);
        // Pages and their content first (the first role wins): a field whose /AP names a page's
        // content stream must not turn that stream into a freely updatable appearance.
        var pages = document.GetPages();
        var pageNumber = 0;
        foreach (var (pageRef, page) in pages)
        {
            pageNumber++;
            Set(pageRef, new(ObjectRoleKind.Page, PageNumber: pageNumber));
            var content = new ObjectRole(ObjectRoleKind.PageContent, PageNumber: pageNumber);
            if (page["Contents"] is PdfReference contentsRef)
            {
                Set(contentsRef, content);
            }
            foreach (var part in document.Resolve<PdfArray>(page["Contents"])?.OfType<PdfReference>() ?? [])
            {
                Set(part, content);
            }
        }
        // Then everything a page's resources reach (fonts, images, forms and theirs), still before any
        // field: a new field's /AP naming page 1's font or image must not make it a changeable appearance.
        pageNumber = 0;
        foreach (var (_, page) in pages)
        {
            pageNumber++;
            MapPageResources(document, page, pageNumber);
        }
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
        pageNumber = 0;
        foreach (var (_, page) in pages)
        {
            pageNumber++;
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
        // Last, so that an object the document structure uses keeps its structural role (the first
        // role wins): /Info and the DSS may change freely, and a trailer or DSS pointing at a page
        // or its content must not make that object freely changeable. Only objects of the kind
        // these roles hold get them at all.
        if (document.Trailer["Info"] is PdfReference info && IsInfoDictionary(document.GetObject(info)))
        {
            Set(info, ObjectRole.Info);
        }
        MapDss(document, catalog["DSS"]);
    }

    /// <summary>Whether <paramref name="value"/> can be a document information dictionary: a plain dictionary (not a stream) of direct strings and names.</summary>
    public static bool IsInfoDictionary(PdfObject? value) =>
        value is PdfDictionary info && info.All(e => e.Value is PdfString or PdfName);

    /// <summary>
    /// Every reference the DSS holds, with whether the referenced object must be validation data
    /// (a certificate, OCSP response or CRL stream) rather than one of the DSS's own dictionaries or arrays.
    /// </summary>
    public static IEnumerable<(PdfReference Reference, bool IsData)> DssReferences(PdfDocumentReader document, PdfObject? dssValue)
    {
        if (dssValue is PdfReference dssRef)
        {
            yield return (dssRef, false);
        }
        if (document.Resolve<PdfDictionary>(dssValue) is not { } dss)
        {
            yield break;
        }
        foreach (var (key, value) in dss)
        {
            if (key == "VRI")
            {
                if (value is PdfReference vriRef)
                {
                    yield return (vriRef, false);
                }
                foreach (var (_, entry) in document.Resolve<PdfDictionary>(value) ?? new PdfDictionary())
                {
                    if (entry is PdfReference e)
                    {
                        yield return (e, false);
                    }
                    foreach (var (_, item) in document.Resolve<PdfDictionary>(entry) ?? new PdfDictionary())
                    {
                        foreach (var reference in DataReferences(document, item))
                        {
                            yield return reference;
                        }
                    }
                }
            }
            else
            {
                foreach (var reference in DataReferences(document, value))
                {
                    yield return reference;
                }
            }
        }
    }

    /// <summary>A DSS array (or a single value) of validation data: the array object itself, then its items.</summary>
    private static IEnumerable<(PdfReference, bool)> DataReferences(PdfDocumentReader document, PdfObject value)
    {
        if (value is PdfReference r)
        {
            yield return (r, document.GetObject(r) is not PdfArray);
        }
        if (document.Resolve(value) is PdfArray array)
        {
            foreach (var item in array.OfType<PdfReference>())
            {
                yield return (item, true);
            }
        }
    }

    /// <summary>How many objects have a role.</summary>
    public int Count => _roles.Count;

    public ObjectRole this[int number] => _roles.TryGetValue(number, out var role) ? role : ObjectRole.Other;

    /// <summary>The objects with the appearance role.</summary>
    public IEnumerable<(int Number, ObjectRole Role)> Appearances()
    {
        foreach (var (number, role) in _roles)
        {
            if (role.Kind == ObjectRoleKind.Appearance)
            {
                yield return (number, role);
            }
        }
    }

    private void Set(PdfReference reference, ObjectRole role) => _roles.TryAdd(reference.Number, role);

    private void MapPageResources(PdfDocumentReader document, PdfDictionary page, int pageNumber)
    {
        // /Resources may be inherited from the page tree.
        var node = page;
        var resources = node["Resources"];
        for (var depth = 0; resources is null && depth < document.Limits.MaxNestingDepth; depth++)
        {
            node = document.Resolve<PdfDictionary>(node["Parent"]);
            if (node is null)
            {
                return;
            }
            resources = node["Resources"];
        }
        var role = new ObjectRole(ObjectRoleKind.PageResource, PageNumber: pageNumber);
        var pending = new Stack<PdfObject>();
        if (resources is not null)
        {
            pending.Push(resources);
        }
        while (pending.TryPop(out var value))
        {
            switch (value)
            {
                case PdfReference r:
                    // An object with a role already (a page, a shared resource of an earlier page) is not walked again.
                    if (_roles.TryAdd(r.Number, role))
                    {
                        pending.Push(document.GetObject(r));
                    }
                    break;
                case PdfStream s:
                    pending.Push(s.Dictionary);
                    break;
                case PdfDictionary d:
                    foreach (var (key, item) in d)
                    {
                        // Back-references lead to the page tree and annotations, which are not resources.
                        if (key is not ("Parent" or "P" or "Pg") && CanReachObjects(item))
                        {
                            pending.Push(item);
                        }
                    }
                    break;
                case PdfArray a:
                    foreach (var item in a)
                    {
                        if (CanReachObjects(item))
                        {
                            pending.Push(item);
                        }
                    }
                    break;
            }
        }
    }

    // Numbers, names and strings lead nowhere: a font's /W array alone holds hundreds of them per revision.
    private static bool CanReachObjects(PdfObject item) => item is PdfReference or PdfDictionary or PdfArray or PdfStream;

    private void MapDss(PdfDocumentReader document, PdfObject? dssValue)
    {
        foreach (var (reference, isData) in DssReferences(document, dssValue))
        {
            var value = document.GetObject(reference);
            if (isData ? value is PdfStream : value is PdfDictionary or PdfArray)
            {
                Set(reference, ObjectRole.Dss);
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
