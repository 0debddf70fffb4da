using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// How the form-field rule judges a change to an existing field or widget: which keys filling a form or signing a
/// signature field may touch, and whether DocMDP or a FieldMDP lock forbids touching the field at all.
/// </summary>
internal static class FieldEdits
{
    private static readonly HashSet<string> SigningKeys = ["V", "AP", "AS", "Lock", "M", "F", "DA", "MK", "SV"];
    private static readonly HashSet<string> WidgetKeys = ["AP", "AS", "MK"];
    private static readonly HashSet<string> FormFillKeys = ["V", "AP", "AS", "MK"];

    public static void CheckField(RevisionContext context, string name, ObjectRole role, PdfDictionary oldField, PdfDictionary newField)
    {
        var changed = PdfObjectEquality.ChangedKeys(oldField, newField);
        var fieldName = role.FieldName ?? "?";
        if (role.IsSignatureField)
        {
            var signsNow = SignedNow(context, oldField, newField);
            var extra = signsNow ? changed.Where(k => !SigningKeys.Contains(k)).ToArray() : [.. changed];
            if (role.FieldWasSigned && changed.Contains("V"))
            {
                context.Disallow(name, $"the signature in field '{fieldName}' was replaced or removed");
            }
            else if (signsNow && SignatureValues.Refusal(context, newField["V"]) is { } valueRefusal)
            {
                context.Disallow(name, $"signature field '{fieldName}' signed: {valueRefusal}");
            }
            else if (extra.Length > 0)
            {
                // Only signing draws into a signature field: an appearance changed without it (a signed field's,
                // or an empty field's made to look signed) changes what the page shows.
                var appearance = extra.Any(k => WidgetKeys.Contains(k)) ? " (a signature field's appearance changes only when it is signed)" : "";
                context.Disallow(name, $"signature field '{fieldName}': /{string.Join(", /", extra)} changed{appearance}");
            }
            else if (Refusal(context, role, signsNow ? newField["V"] : null) is { } refusal)
            {
                context.Disallow(name, $"signature field '{fieldName}': {refusal}");
            }
            else
            {
                context.Allow(name, signsNow ? $"existing signature field '{fieldName}' signed" : $"signature field '{fieldName}' appearance updated");
            }
            return;
        }
        var disallowedKeys = changed.Where(k => !FormFillKeys.Contains(k)).ToArray();
        if (disallowedKeys.Length > 0)
        {
            context.Disallow(name, $"form field '{fieldName}': /{string.Join(", /", disallowedKeys)} changed");
        }
        else if (Refusal(context, role, null) is { } refusal)
        {
            context.Disallow(name, $"form field '{fieldName}' filled: {refusal}");
        }
        else
        {
            context.Allow(name, $"form field '{fieldName}' filled");
        }
    }

    /// <summary>Whether the field (or, for a widget below it, its parent field) gets its signature value in this revision.</summary>
    private static bool SignedNow(RevisionContext context, PdfDictionary oldField, PdfDictionary newField)
    {
        if (oldField["V"] is null && newField["V"] is not null)
        {
            return true;
        }
        if (newField["V"] is not null || newField["Parent"] is not PdfReference parent)
        {
            return false;
        }
        return context.After.Resolve<PdfDictionary>(parent)?["V"] is not null
            && (!context.ExistedBefore(parent) || context.Before.Resolve<PdfDictionary>(parent)?["V"] is null);
    }

    /// <summary>Why the field may not change in this revision (DocMDP or a FieldMDP lock), or null when it may.</summary>
    public static string? Refusal(RevisionContext context, ObjectRole role, PdfObject? newSignatureValue)
    {
        if (context.Policy.LockedBy(role.FieldName) is { } locker)
        {
            return $"locked by the signature in '{locker}' (FieldMDP)";
        }
        if (!context.Policy.AllowsFormFill)
        {
            // Only a document timestamp may sign a field where the certification permits no changes.
            return DssRule.IsDocumentTimestamp(context.After, newSignatureValue) ? null : "the certification permits no changes (DocMDP P=1)";
        }
        return null;
    }
}
