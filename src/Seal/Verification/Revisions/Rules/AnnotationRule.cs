using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// The annotations listed on a page: added or removed only where the certification permits annotations
/// (DocMDP P=3), apart from the widgets of new signature fields, which the form-field rule judges.
/// </summary>
internal sealed class AnnotationRule : IRevisionRule
{
    public bool CheckObject(RevisionContext context, ObjectChange change)
    {
        if (change is not { Role.Kind: ObjectRoleKind.PageAnnots, OldValue: PdfArray o, NewValue: PdfArray n })
        {
            return false;
        }
        CheckAnnotations(context, change.Name, change.Role.PageNumber, o, n);
        return true;
    }

    public static void CheckAnnotations(RevisionContext context, string name, int pageNumber, PdfArray oldAnnots, PdfArray newAnnots)
    {
        var policy = context.Policy;
        var removed = context.Missing(oldAnnots, newAnnots).Count;
        if (removed > 0 && !policy.AllowsAnnotations)
        {
            context.Disallow(name, $"page {pageNumber}: {removed} annotation(s) removed");
        }
        var added = context.Missing(newAnnots, oldAnnots);
        for (var i = 0; i < added.Count; i++)
        {
            context.Poll(i);
            var annotation = added[i];
            var dict = context.After.Resolve<PdfDictionary>(annotation);
            var isSignatureWidget = dict is not null && dict.GetName("Subtype")?.Value == "Widget" && SignatureValues.FieldType(context, dict) == "Sig";
            if (isSignatureWidget && FormFieldRule.CheckAddedSignatureWidget(context, name, pageNumber, annotation, dict!))
            {
                continue;
            }
            if (policy.AllowsAnnotations)
            {
                context.Allow(name, $"page {pageNumber}: annotation added (DocMDP P=3)");
            }
            else if (isSignatureWidget)
            {
                context.Disallow(name, $"page {pageNumber}: signature widget added that is neither a field of the form (/Fields) nor signed in this revision");
            }
            else
            {
                context.Disallow(name, $"page {pageNumber}: {dict?.GetName("Subtype")?.Value ?? "unknown"} annotation added");
            }
        }
    }
}
