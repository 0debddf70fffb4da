using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>Pages, their content streams and the resources those reach, none of which a later revision may change.</summary>
internal sealed class PageRule : IRevisionRule
{
    public bool CheckObject(RevisionContext context, ObjectChange change)
    {
        var role = change.Role;
        switch (change)
        {
            case { Role.Kind: ObjectRoleKind.PageContent }:
                context.Disallow(change.Name, $"page {role.PageNumber}: content stream changed (page content modified)");
                return true;
            case { Role.Kind: ObjectRoleKind.PageResource }:
                context.Disallow(change.Name, $"page {role.PageNumber}: resource changed ({RevisionContext.Describe(change.OldValue)}; page content modified)");
                return true;
            case { Role.Kind: ObjectRoleKind.Page, OldValue: PdfDictionary o, NewValue: PdfDictionary n }:
                CheckPage(context, change.Name, role.PageNumber, o, n);
                return true;
            default:
                return false;
        }
    }

    private static void CheckPage(RevisionContext context, string name, int pageNumber, PdfDictionary oldPage, PdfDictionary newPage)
    {
        foreach (var key in PdfObjectEquality.ChangedKeys(oldPage, newPage))
        {
            if (key == "Annots")
            {
                // A page's annotation list is judged as the annotation rule judges a shared /Annots array.
                var oldAnnots = context.Before.Resolve<PdfArray>(oldPage["Annots"]) ?? new PdfArray();
                var newAnnots = context.After.Resolve<PdfArray>(newPage["Annots"]) ?? new PdfArray();
                AnnotationRule.CheckAnnotations(context, name, pageNumber, oldAnnots, newAnnots);
            }
            else
            {
                context.Disallow(name, $"page {pageNumber}: /{key} changed" + (key is "Contents" or "Resources" ? " (page content modified)" : ""));
            }
        }
    }
}
