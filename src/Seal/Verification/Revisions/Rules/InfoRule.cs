using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>The document information dictionary (/Info), which any revision may change.</summary>
internal sealed class InfoRule : IRevisionRule
{
    /// <summary>
    /// The information dictionary may change freely, so /Info may only name it or a new dictionary:
    /// pointed at an existing object (a page's content), it would make that object freely changeable.
    /// </summary>
    public void CheckRevision(RevisionContext context)
    {
        var newInfo = context.After.Trailer["Info"];
        if (newInfo is null || PdfObjectEquality.AreEqual(context.Before.Trailer["Info"], newInfo))
        {
            return;
        }
        if (newInfo is PdfReference r && context.ExistedBefore(r))
        {
            context.Disallow("trailer", $"/Info now names existing object {r.Number}, which was not the document information dictionary");
        }
        else if (!ObjectRoleMap.IsInfoDictionary(context.After.Resolve(newInfo)))
        {
            context.Disallow("trailer", "/Info is not a document information dictionary");
        }
    }

    public bool CheckObject(RevisionContext context, ObjectChange change)
    {
        // Rewritten into something else, the object is left to the catch-all, which disallows the change.
        if (change.Role.Kind != ObjectRoleKind.Info || !ObjectRoleMap.IsInfoDictionary(change.NewValue))
        {
            return false;
        }
        context.Allow(change.Name, "document information dictionary updated");
        return true;
    }
}
