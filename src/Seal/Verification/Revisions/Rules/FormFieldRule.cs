using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Xref;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// The interactive form: its dictionary and field list, form fields filled within the DocMDP permission and the
/// FieldMDP locks, signature fields added or signed, their widgets and appearances, and the signatures already made.
/// </summary>
internal sealed class FormFieldRule : IRevisionRule
{
    /// <summary>
    /// An existing object keeps its role: named by a field's appearance (a page's font or image, another signature's
    /// appearance or handwriting image), it would be that field's appearance from the next revision on, changeable as
    /// such. So, as for /Info and the DSS, an appearance may only be a new object or one already that field's own.
    /// </summary>
    public void CheckRevision(RevisionContext context)
    {
        var k = 0;
        foreach (var (number, role) in context.AfterRoles.Appearances())
        {
            context.Poll(k++);
            if (!context.Before.TryGetEntry(number, out var entry) || entry.Kind == XrefEntryKind.Free)
            {
                continue;
            }
            var old = context.BeforeRoles[number];
            if (old.Kind != ObjectRoleKind.Appearance || old.FieldName != role.FieldName)
            {
                var value = context.Before.GetObject(number, entry.ObjectGeneration);
                context.Disallow(RevisionContext.Name(number), $"existing object {number} became an appearance of field '{role.FieldName}', which it was not ({DescribeRole(old, value)})");
            }
        }
    }

    public bool CheckObject(RevisionContext context, ObjectChange change)
    {
        var (name, role) = (change.Name, change.Role);
        switch (change)
        {
            case { Role.Kind: ObjectRoleKind.AcroForm, OldValue: PdfDictionary o, NewValue: PdfDictionary n }:
                CheckForm(context, name, o, n);
                return true;
            case { Role.Kind: ObjectRoleKind.FieldsArray, OldValue: PdfArray o, NewValue: PdfArray n }:
                CheckFieldList(context, name, o, n);
                return true;
            case { Role.Kind: ObjectRoleKind.Field or ObjectRoleKind.Widget, OldValue: PdfDictionary o, NewValue: PdfDictionary n }:
                FieldEdits.CheckField(context, name, role, o, n);
                return true;
            case { Role.Kind: ObjectRoleKind.Appearance, Role.IsSignatureField: true }:
                // Signing gives a field a new appearance; redrawing an existing one in place is never part of signing.
                context.Disallow(name, $"appearance of signature field '{role.FieldName}' redrawn ({RevisionContext.Describe(change.OldValue)}; what the page shows changed)");
                return true;
            case { Role.Kind: ObjectRoleKind.Appearance }:
                if (FieldEdits.Refusal(context, role, newSignatureValue: null) is { } refusal)
                {
                    context.Disallow(name, $"appearance of field '{role.FieldName}' changed: {refusal}");
                }
                else
                {
                    context.Allow(name, $"appearance of field '{role.FieldName}' updated");
                }
                return true;
            case { Role.Kind: ObjectRoleKind.SignatureValue }:
                context.Disallow(name, $"the signature dictionary of '{role.FieldName}' was changed");
                return true;
            default:
                return false;
        }
    }

    public static void CheckForm(RevisionContext context, string name, PdfDictionary oldForm, PdfDictionary newForm)
    {
        foreach (var key in PdfObjectEquality.ChangedKeys(oldForm, newForm))
        {
            switch (key)
            {
                case "Fields" when oldForm["Fields"] is PdfArray o && newForm["Fields"] is PdfArray n:
                    CheckFieldList(context, name, o, n);
                    break;
                case "SigFlags":
                    context.Allow(name, "AcroForm /SigFlags updated");
                    break;
                // /NeedAppearances true asks viewers to redraw every widget; /DR and /DA shape redrawn appearances, so
                // they belong to form filling and end with it (P=1).
                case "NeedAppearances" when context.After.Resolve(newForm["NeedAppearances"]) is PdfBoolean { Value: true }:
                    context.Disallow(name, "AcroForm /NeedAppearances set: viewers would redraw every field's appearance");
                    break;
                case "DR" or "DA" or "NeedAppearances" when context.Policy.AllowsFormFill:
                    context.Allow(name, $"AcroForm /{key} updated");
                    break;
                default:
                    context.Disallow(name, $"AcroForm /{key} changed");
                    break;
            }
        }
    }

    public static void CheckFieldList(RevisionContext context, string name, PdfArray oldFields, PdfArray newFields)
    {
        var removed = context.Missing(oldFields, newFields);
        if (removed.Count > 0)
        {
            context.Disallow(name, $"{removed.Count} form field(s) removed");
        }
        var added = context.Missing(newFields, oldFields);
        for (var i = 0; i < added.Count; i++)
        {
            context.Poll(i);
            CheckNewField(context, name, added[i]);
        }
    }

    /// <summary>
    /// Judges a signature widget added to a page when it is a new signature field: the form lists it, or it carries a
    /// signature made in this revision (pdfsig leaves a direct /AcroForm unchanged and lists the new field only on the
    /// page). Returns false for any other widget, which the annotation rule judges as just an annotation.
    /// </summary>
    public static bool CheckAddedSignatureWidget(RevisionContext context, string name, int pageNumber, PdfObject annotation, PdfDictionary widget)
    {
        var value = SignatureValues.FieldValue(context, widget);
        // A widget's /V makes it a reported signature wherever it is listed, so it is judged on every path.
        if (SignatureValues.Refusal(context, value) is { } valueRefusal)
        {
            context.Disallow(name, $"page {pageNumber}: signature widget added: {valueRefusal}");
            return true;
        }
        if (annotation is not PdfReference widgetRef || (value is null && !context.FieldTree().Contains(widgetRef)))
        {
            return false;
        }
        JudgeNewSignatureField(context, name, $"page {pageNumber}: signature widget", widget, value);
        return true;
    }

    private static void CheckNewField(RevisionContext context, string name, PdfObject field)
    {
        var dict = context.After.Resolve<PdfDictionary>(field);
        if (dict is null || SignatureValues.FieldType(context, dict) != "Sig")
        {
            context.Disallow(name, "a form field other than a signature field was added");
            return;
        }
        var title = context.After.Resolve<PdfString>(dict["T"])?.ToText() ?? "?";
        if (SignatureValues.Refusal(context, dict["V"]) is { } refusal)
        {
            context.Disallow(name, $"signature field '{title}' added: {refusal}");
            return;
        }
        JudgeNewSignatureField(context, name, $"signature field '{title}'", dict, dict["V"]);
    }

    /// <summary>
    /// A new signature field (or its widget) whose value, if any, is a signature made in this revision. A document
    /// timestamp is validation data, so even P=1 admits it, but only invisible: validation data never draws on a
    /// page. Any other new field is refused under P=1 and after a lock of every field (FieldMDP All, which covers
    /// fields added later), and, once a certification or lock fixed what the pages show, when its widget is visible,
    /// signed or not: its appearance would paint over the certified content ("Sneaky Signature").
    /// </summary>
    private static void JudgeNewSignatureField(RevisionContext context, string name, string what, PdfDictionary field, PdfObject? value)
    {
        var policy = context.Policy;
        var drawn = WidgetVisibility.FieldDrawn(context, field);
        if (DssRule.IsDocumentTimestamp(context.After, value))
        {
            if (drawn is not null)
            {
                context.Disallow(name, $"{what} added: a document timestamp with a visible widget at {drawn} (validation data may not draw on a page)");
            }
            else
            {
                context.Allow(name, $"{what} added: an invisible document timestamp");
            }
            return;
        }
        if (!policy.AllowsFormFill)
        {
            context.Disallow(name, $"{what} added although the signatures before it permit no changes (P=1)");
        }
        else if (policy.LockingEveryField is { } locker)
        {
            context.Disallow(name, $"{what} added after the signature in '{locker}' locked every field (FieldMDP All)");
        }
        else if (drawn is not null && policy.FixesPageView)
        {
            context.Disallow(name, $"{what} added with a visible widget at {drawn}: it draws on a certified page");
        }
        else
        {
            context.Allow(name, drawn is null ? $"{what} added (invisible)" : $"{what} added at {drawn}");
        }
    }

    private static string DescribeRole(ObjectRole role, PdfObject value) => role.Kind switch
    {
        ObjectRoleKind.PageResource => $"a resource of page {role.PageNumber}",
        ObjectRoleKind.PageContent => $"the content of page {role.PageNumber}",
        ObjectRoleKind.Page => $"page {role.PageNumber}",
        ObjectRoleKind.Appearance => $"an appearance of field '{role.FieldName}'",
        ObjectRoleKind.Other => RevisionContext.Describe(value),
        _ => $"{role.Kind} {RevisionContext.Describe(value)}",
    };
}
