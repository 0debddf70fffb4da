using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// The file's structure: the trailer's /Root and /Encrypt, deleted objects and new generations, the
/// catalog's own entries, and the objects the revision adds.
/// </summary>
internal sealed class FileStructureRule : IRevisionRule
{
    public void CheckRevision(RevisionContext context)
    {
        if (!PdfObjectEquality.AreEqual(context.Before.Trailer["Root"], context.After.Trailer["Root"]))
        {
            context.Disallow("trailer", "the document catalog (/Root) was replaced");
        }
        if (!PdfObjectEquality.AreEqual(context.Before.Trailer["Encrypt"], context.After.Trailer["Encrypt"]))
        {
            context.Disallow("trailer", "the encryption dictionary changed");
        }
    }

    public bool CheckObject(RevisionContext context, ObjectChange change)
    {
        switch (change)
        {
            case { Kind: ObjectChangeKind.Deleted }:
                context.Disallow(change.Name, "an existing object was deleted");
                return true;
            case { Kind: ObjectChangeKind.Regenerated }:
                // References name a generation: "N g 0 R" no longer resolves once N's generation changes,
                // so a new generation deletes the old object wherever it is used.
                context.Disallow(change.Name, $"object {change.Number} {change.OldGeneration} was replaced by generation {change.NewGeneration} (an existing object was deleted)");
                return true;
            case { Role.Kind: ObjectRoleKind.Catalog, OldValue: PdfDictionary o, NewValue: PdfDictionary n }:
                CheckCatalog(context, change.Name, o, n);
                return true;
            default:
                return false;
        }
    }

    public void CompleteRevision(RevisionContext context)
    {
        if (context.AddedObjects > 0)
        {
            // New objects are inert until a changed existing object refers to them; those are judged by their own rules.
            context.Allow("new objects", $"{context.AddedObjects} object(s) added");
        }
    }

    private static void CheckCatalog(RevisionContext context, string name, PdfDictionary oldCatalog, PdfDictionary newCatalog)
    {
        foreach (var key in PdfObjectEquality.ChangedKeys(oldCatalog, newCatalog))
        {
            switch (key)
            {
                case "DSS":
                    context.Allow(name, "catalog /DSS set (long-term validation data)");
                    break;
                case "Extensions":
                    context.Allow(name, "catalog /Extensions updated");
                    break;
                // A form added to the catalog or changed in it is judged as the form-field rule judges the form.
                case "AcroForm" when oldCatalog["AcroForm"] is null && context.After.Resolve<PdfDictionary>(newCatalog["AcroForm"]) is { } form:
                    FormFieldRule.CheckFieldList(context, name, new PdfArray(), context.After.Resolve<PdfArray>(form["Fields"]) ?? new PdfArray());
                    break;
                case "AcroForm" when oldCatalog["AcroForm"] is PdfDictionary o && newCatalog["AcroForm"] is PdfDictionary n:
                    FormFieldRule.CheckForm(context, name, o, n);
                    break;
                default:
                    context.Disallow(name, $"catalog /{key} changed");
                    break;
            }
        }
    }
}
