using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Xref;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>
/// Compares every revision made after a signature with the one before it and classifies each
/// changed object: further signatures (into existing or new signature fields), DSS, document
/// timestamps and — within the DocMDP permission and FieldMDP locks — form filling and annotations
/// are allowed; page content, resources, locked fields, signature dictionaries and anything else
/// are not (the rules of ISO 32000-1 §12.8.2.2 as pyHanko's diff policy interprets them).
/// </summary>
public sealed class RevisionAnalyzer
{
    public IReadOnlyList<RevisionResult> Analyze(PdfDocumentReader document, IReadOnlyList<SignedRevision> signatures, CancellationToken cancellationToken)
    {
        var results = new RevisionResult[document.Revisions.Count];
        // Newest first: each earlier revision's reader then finds the older object versions (a page, the
        // form, the catalog before a later revision rewrote them) already parsed by a longer reader.
        var current = document;
        ObjectRoleMap? currentRoles = null;
        for (var i = document.Revisions.Count - 1; i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var revision = document.Revisions[i];
            var start = i == 0 ? 0 : document.Revisions[i - 1].EndOffset;
            var added = new List<string>();
            var signedBefore = false;
            int? docMdp = null;
            List<(string, Document.FieldLock)>? locks = null;
            foreach (var s in signatures)
            {
                if (s.Revision == i)
                {
                    added.Add(s.FieldName);
                }
                else if (s.Revision < i)
                {
                    signedBefore = true;
                    if (s.DocMdpPermission is { } p && (docMdp is null || p < docMdp))
                    {
                        docMdp = p;
                    }
                    if (s.Lock is { } fieldLock)
                    {
                        (locks ??= []).Add((s.FieldName, fieldLock));
                    }
                }
            }
            var previous = i == 0 ? null : document.ForRevision(i - 1);
            if (!signedBefore || previous is null)
            {
                results[i] = new RevisionResult(i, start, revision.EndOffset, [.. added], ChangeClass.Unsigned, []);
                currentRoles = null;
            }
            else
            {
                var policy = new ModificationPolicy(docMdp, locks is null ? [] : [.. locks]);
                // The roles of the revision after are those the newer diff built for its revision before (only the newest is built here).
                currentRoles ??= new ObjectRoleMap(current);
                var diff = new RevisionDiff(previous, current, revision, policy, cancellationToken, currentRoles);
                var changes = diff.Classify();
                currentRoles = diff.BeforeRoles;
                var allowed = true;
                foreach (var change in changes)
                {
                    allowed &= change.Allowed;
                }
                results[i] = new RevisionResult(i, start, revision.EndOffset, [.. added],
                    allowed ? ChangeClass.Allowed : ChangeClass.Disallowed, changes);
            }
            if (previous is not null)
            {
                current = previous;
            }
        }
        return results;
    }
}

/// <summary>The classification of one revision's changes against its predecessor.</summary>
internal sealed class RevisionDiff(PdfDocumentReader before, PdfDocumentReader after, PdfRevision revision, ModificationPolicy policy, CancellationToken cancellationToken, ObjectRoleMap afterRoles)
{
    private const int MaxFieldTree = 100_000;
    // The map of the revision before is about as large as the one of the revision after.
    private readonly ObjectRoleMap _roles = new(before, afterRoles.Count);
    private readonly List<RevisionChange> _changes = [];
    private HashSet<PdfReference>? _fieldTree;

    /// <summary>The roles of the objects of the revision before.</summary>
    public ObjectRoleMap BeforeRoles => _roles;

    public IReadOnlyList<RevisionChange> Classify()
    {
        if (!PdfObjectEquality.AreEqual(before.Trailer["Root"], after.Trailer["Root"]))
        {
            Disallow("trailer", "the document catalog (/Root) was replaced");
        }
        if (!PdfObjectEquality.AreEqual(before.Trailer["Encrypt"], after.Trailer["Encrypt"]))
        {
            Disallow("trailer", "the encryption dictionary changed");
        }
        CheckInfo();
        CheckDss();
        CheckAdoptedAppearances();
        var newObjects = 0;
        var numbers = new int[revision.Entries.Count];
        var k = 0;
        foreach (var (n, _) in revision.Entries)
        {
            numbers[k++] = n;
        }
        Array.Sort(numbers);
        for (var j = 0; j < numbers.Length; j++)
        {
            Poll(j);
            var number = numbers[j];
            var entry = revision.Entries[number];
            var existedBefore = before.TryGetEntry(number, out var oldEntry) && oldEntry.Kind != XrefEntryKind.Free;
            if (entry.Kind == XrefEntryKind.Free)
            {
                if (existedBefore)
                {
                    Disallow(Name(number), "an existing object was deleted");
                }
                continue;
            }
            if (!existedBefore)
            {
                newObjects++;
                continue;
            }
            var newGeneration = entry.ObjectGeneration;
            var oldGeneration = oldEntry.ObjectGeneration;
            if (newGeneration != oldGeneration)
            {
                // References name a generation: "N g 0 R" no longer resolves once N's generation changes,
                // so a new generation deletes the old object wherever it is used.
                Disallow(Name(number), $"object {number} {oldGeneration} was replaced by generation {newGeneration} (an existing object was deleted)");
                continue;
            }
            var newValue = after.GetObject(number, newGeneration);
            var oldValue = before.GetObject(number, oldGeneration);
            if (PdfObjectEquality.AreEqual(oldValue, newValue))
            {
                continue;
            }
            ClassifyChange(number, oldValue, newValue);
        }
        if (newObjects > 0)
        {
            // New objects are inert until a changed existing object refers to them; those are judged above.
            _changes.Add(new RevisionChange("new objects", true, $"{newObjects} object(s) added"));
        }
        return _changes;
    }

    private void ClassifyChange(int number, PdfObject oldValue, PdfObject newValue)
    {
        var role = _roles[number];
        var name = Name(number);
        switch (role.Kind)
        {
            case ObjectRoleKind.Dss:
                Allow(name, "document security store (DSS) updated");
                break;
            case ObjectRoleKind.Info when ObjectRoleMap.IsInfoDictionary(newValue):
                Allow(name, "document information dictionary updated");
                break;
            case ObjectRoleKind.PageContent:
                Disallow(name, $"page {role.PageNumber}: content stream changed (page content modified)");
                break;
            case ObjectRoleKind.PageResource:
                Disallow(name, $"page {role.PageNumber}: resource changed ({Describe(oldValue)}; page content modified)");
                break;
            case ObjectRoleKind.Catalog when oldValue is PdfDictionary o && newValue is PdfDictionary n:
                CheckCatalog(name, o, n);
                break;
            case ObjectRoleKind.AcroForm when oldValue is PdfDictionary o && newValue is PdfDictionary n:
                CheckForm(name, o, n);
                break;
            case ObjectRoleKind.FieldsArray when oldValue is PdfArray o && newValue is PdfArray n:
                CheckFieldList(name, o, n);
                break;
            case ObjectRoleKind.Field or ObjectRoleKind.Widget when oldValue is PdfDictionary o && newValue is PdfDictionary n:
                CheckField(name, role, o, n);
                break;
            case ObjectRoleKind.Appearance:
                if (FieldChangeRefusal(role, newSignatureValue: null) is { } refusal)
                {
                    Disallow(name, $"appearance of field '{role.FieldName}' changed: {refusal}");
                }
                else
                {
                    Allow(name, $"appearance of field '{role.FieldName}' updated");
                }
                break;
            case ObjectRoleKind.SignatureValue:
                Disallow(name, $"the signature dictionary of '{role.FieldName}' was changed");
                break;
            case ObjectRoleKind.Page when oldValue is PdfDictionary o && newValue is PdfDictionary n:
                CheckPage(name, role.PageNumber, o, n);
                break;
            case ObjectRoleKind.PageAnnots when oldValue is PdfArray o && newValue is PdfArray n:
                CheckAnnotations(name, role.PageNumber, o, n);
                break;
            default:
                Disallow(name, Describe(oldValue) + " changed");
                break;
        }
    }

    /// <summary>
    /// The information dictionary may change freely, so /Info may only name it or a new dictionary:
    /// pointed at an existing object (a page's content), it would make that object freely changeable.
    /// </summary>
    private void CheckInfo()
    {
        var newInfo = after.Trailer["Info"];
        if (newInfo is null || PdfObjectEquality.AreEqual(before.Trailer["Info"], newInfo))
        {
            return;
        }
        if (newInfo is PdfReference r && ExistedBefore(r))
        {
            Disallow("trailer", $"/Info now names existing object {r.Number}, which was not the document information dictionary");
        }
        else if (!ObjectRoleMap.IsInfoDictionary(after.Resolve(newInfo)))
        {
            Disallow("trailer", "/Info is not a document information dictionary");
        }
    }

    /// <summary>The DSS may change freely, so it may only hold its own objects and new validation data streams (for the same reason as /Info).</summary>
    private void CheckDss()
    {
        var dss = after.Catalog["DSS"];
        if (dss is null)
        {
            return;
        }
        foreach (var (reference, isData) in ObjectRoleMap.DssReferences(after, dss))
        {
            if (ExistedBefore(reference))
            {
                if (_roles[reference.Number].Kind != ObjectRoleKind.Dss)
                {
                    Disallow("DSS", $"the DSS now refers to existing object {reference.Number}, which is not validation data ({Describe(before.GetObject(reference))})");
                }
            }
            else if (isData && after.GetObject(reference) is not PdfStream)
            {
                Disallow("DSS", $"DSS entry object {reference.Number} is not a certificate, OCSP response or CRL stream");
            }
        }
    }

    /// <summary>
    /// An existing object keeps its role: named by a field's appearance (a page's font or image, another signature's
    /// appearance or handwriting image), it would be that field's appearance from the next revision on, changeable as
    /// such. So, as for /Info and the DSS, an appearance may only be a new object or one already that field's own.
    /// </summary>
    private void CheckAdoptedAppearances()
    {
        var k = 0;
        foreach (var (number, role) in afterRoles.Appearances())
        {
            Poll(k++);
            if (!before.TryGetEntry(number, out var entry) || entry.Kind == XrefEntryKind.Free)
            {
                continue;
            }
            var old = _roles[number];
            if (old.Kind != ObjectRoleKind.Appearance || old.FieldName != role.FieldName)
            {
                var value = before.GetObject(number, entry.ObjectGeneration);
                Disallow(Name(number), $"existing object {number} became an appearance of field '{role.FieldName}', which it was not ({DescribeRole(old, value)})");
            }
        }
    }

    private static string DescribeRole(ObjectRole role, PdfObject value) => role.Kind switch
    {
        ObjectRoleKind.PageResource => $"a resource of page {role.PageNumber}",
        ObjectRoleKind.PageContent => $"the content of page {role.PageNumber}",
        ObjectRoleKind.Page => $"page {role.PageNumber}",
        ObjectRoleKind.Appearance => $"an appearance of field '{role.FieldName}'",
        ObjectRoleKind.Other => Describe(value),
        _ => $"{role.Kind} {Describe(value)}",
    };

    private bool ExistedBefore(PdfReference reference) =>
        before.TryGetEntry(reference.Number, out var entry) && entry.Kind != XrefEntryKind.Free;

    /// <summary>
    /// Why the /V a field gets in this revision is not a signature made in it, or null when it is (or there is none).
    /// A signature dictionary belongs to the one field it was made for: given to another field it would be reported
    /// twice, as a valid signature by a signer who never signed that field.
    /// </summary>
    private string? SignatureValueRefusal(PdfObject? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value is PdfReference r && ExistedBefore(r))
        {
            return $"its value (/V) is existing object {r.Number}, a signature dictionary made for another revision";
        }
        if (after.Resolve<PdfDictionary>(value) is not { } dictionary)
        {
            return "its value (/V) is not a signature dictionary";
        }
        var end = after.Resolve<PdfArray>(dictionary["ByteRange"]) is { Count: 4 } br
            && after.Resolve(br[2]) is PdfInteger offset && after.Resolve(br[3]) is PdfInteger length ? offset.Value + length.Value : -1;
        var span = after.Data.Span;
        // The signature made in this revision covers the file up to this revision's %%EOF (and perhaps its end-of-line).
        var coversThisRevision = end <= revision.EndOffset && end >= revision.EndOffset - 2 && end <= span.Length
            && span[(int)end..(int)revision.EndOffset].IndexOfAnyExcept("\r\n"u8) < 0;
        return coversThisRevision ? null : $"its signature dictionary was not made in this revision (/ByteRange ends at {end}, the revision at {revision.EndOffset})";
    }

    private static bool IsDocumentTimestamp(PdfDocumentReader document, PdfObject? value) =>
        document.Resolve<PdfDictionary>(value)?.GetName("Type")?.Value == "DocTimeStamp";

    /// <summary>Every field and widget reachable from the /Fields of the revision after.</summary>
    private HashSet<PdfReference> FieldTree()
    {
        if (_fieldTree is not null)
        {
            return _fieldTree;
        }
        _fieldTree = [];
        var pending = new Stack<(PdfReference Reference, int Depth)>();
        var form = after.Resolve<PdfDictionary>(after.Catalog["AcroForm"]);
        foreach (var field in after.Resolve<PdfArray>(form?["Fields"])?.OfType<PdfReference>() ?? [])
        {
            pending.Push((field, 0));
        }
        while (pending.TryPop(out var next) && _fieldTree.Count < MaxFieldTree)
        {
            Poll(_fieldTree.Count);
            if (next.Depth > after.Limits.MaxNestingDepth || !_fieldTree.Add(next.Reference))
            {
                continue;
            }
            foreach (var kid in after.Resolve<PdfArray>(after.Resolve<PdfDictionary>(next.Reference)?["Kids"])?.OfType<PdfReference>() ?? [])
            {
                pending.Push((kid, next.Depth + 1));
            }
        }
        return _fieldTree;
    }

    /// <summary>The items of <paramref name="items"/> that <paramref name="other"/> has no equal of, found in linear time.</summary>
    private List<PdfObject> Missing(PdfArray items, PdfArray other)
    {
        var set = new HashSet<PdfObject>(other.Count, StructuralComparer.Instance);
        for (var i = 0; i < other.Count; i++)
        {
            Poll(i);
            set.Add(other[i]);
        }
        var missing = new List<PdfObject>();
        for (var i = 0; i < items.Count; i++)
        {
            Poll(i);
            if (!set.Contains(items[i]))
            {
                missing.Add(items[i]);
            }
        }
        return missing;
    }

    private void CheckCatalog(string name, PdfDictionary oldCatalog, PdfDictionary newCatalog)
    {
        foreach (var key in PdfObjectEquality.ChangedKeys(oldCatalog, newCatalog))
        {
            switch (key)
            {
                case "DSS":
                    Allow(name, "catalog /DSS set (long-term validation data)");
                    break;
                case "Extensions":
                    Allow(name, "catalog /Extensions updated");
                    break;
                case "AcroForm" when oldCatalog["AcroForm"] is null && after.Resolve<PdfDictionary>(newCatalog["AcroForm"]) is { } form:
                    CheckFieldList(name, new PdfArray(), after.Resolve<PdfArray>(form["Fields"]) ?? new PdfArray());
                    break;
                case "AcroForm" when oldCatalog["AcroForm"] is PdfDictionary o && newCatalog["AcroForm"] is PdfDictionary n:
                    CheckForm(name, o, n);
                    break;
                default:
                    Disallow(name, $"catalog /{key} changed");
                    break;
            }
        }
    }

    private void CheckForm(string name, PdfDictionary oldForm, PdfDictionary newForm)
    {
        foreach (var key in PdfObjectEquality.ChangedKeys(oldForm, newForm))
        {
            switch (key)
            {
                case "Fields" when oldForm["Fields"] is PdfArray o && newForm["Fields"] is PdfArray n:
                    CheckFieldList(name, o, n);
                    break;
                case "SigFlags" or "DR" or "DA" or "NeedAppearances":
                    Allow(name, $"AcroForm /{key} updated");
                    break;
                default:
                    Disallow(name, $"AcroForm /{key} changed");
                    break;
            }
        }
    }

    private void CheckFieldList(string name, PdfArray oldFields, PdfArray newFields)
    {
        var removed = Missing(oldFields, newFields);
        if (removed.Count > 0)
        {
            Disallow(name, $"{removed.Count} form field(s) removed");
        }
        var added = Missing(newFields, oldFields);
        for (var i = 0; i < added.Count; i++)
        {
            Poll(i);
            CheckNewField(name, added[i]);
        }
    }

    private void CheckNewField(string name, PdfObject field)
    {
        var dict = after.Resolve<PdfDictionary>(field);
        if (dict is null || FieldType(dict) != "Sig")
        {
            Disallow(name, "a form field other than a signature field was added");
            return;
        }
        var title = after.Resolve<PdfString>(dict["T"])?.ToText() ?? "?";
        if (SignatureValueRefusal(dict["V"]) is { } refusal)
        {
            Disallow(name, $"signature field '{title}' added: {refusal}");
            return;
        }
        var isDocumentTimestamp = IsDocumentTimestamp(after, dict["V"]);
        if (!policy.AllowsFormFill && !isDocumentTimestamp)
        {
            Disallow(name, $"signature field '{title}' added although the certification permits no changes (DocMDP P=1)");
            return;
        }
        Allow(name, isDocumentTimestamp ? $"document timestamp field '{title}' added" : $"signature field '{title}' added");
    }

    private void CheckField(string name, ObjectRole role, PdfDictionary oldField, PdfDictionary newField)
    {
        var changed = PdfObjectEquality.ChangedKeys(oldField, newField);
        var fieldName = role.FieldName ?? "?";
        if (role.IsSignatureField)
        {
            var signsNow = oldField["V"] is null && newField["V"] is not null;
            var permitted = signsNow ? SigningKeys : WidgetKeys;
            var extra = changed.Where(k => !permitted.Contains(k)).ToArray();
            if (role.FieldWasSigned && changed.Contains("V"))
            {
                Disallow(name, $"the signature in field '{fieldName}' was replaced or removed");
            }
            else if (signsNow && SignatureValueRefusal(newField["V"]) is { } valueRefusal)
            {
                Disallow(name, $"signature field '{fieldName}' signed: {valueRefusal}");
            }
            else if (extra.Length > 0)
            {
                Disallow(name, $"signature field '{fieldName}': /{string.Join(", /", extra)} changed");
            }
            else if (FieldChangeRefusal(role, signsNow ? newField["V"] : null) is { } refusal)
            {
                Disallow(name, $"signature field '{fieldName}': {refusal}");
            }
            else
            {
                Allow(name, signsNow ? $"existing signature field '{fieldName}' signed" : $"signature field '{fieldName}' appearance updated");
            }
            return;
        }
        var disallowedKeys = changed.Where(k => !FormFillKeys.Contains(k)).ToArray();
        if (disallowedKeys.Length > 0)
        {
            Disallow(name, $"form field '{fieldName}': /{string.Join(", /", disallowedKeys)} changed");
        }
        else if (FieldChangeRefusal(role, null) is { } refusal)
        {
            Disallow(name, $"form field '{fieldName}' filled: {refusal}");
        }
        else
        {
            Allow(name, $"form field '{fieldName}' filled");
        }
    }

    /// <summary>Why the field may not change in this revision (DocMDP or a FieldMDP lock), or null when it may.</summary>
    private string? FieldChangeRefusal(ObjectRole role, PdfObject? newSignatureValue)
    {
        if (policy.LockedBy(role.FieldName) is { } locker)
        {
            return $"locked by the signature in '{locker}' (FieldMDP)";
        }
        if (!policy.AllowsFormFill)
        {
            var isDocumentTimestamp = after.Resolve<PdfDictionary>(newSignatureValue)?.GetName("Type")?.Value == "DocTimeStamp";
            return isDocumentTimestamp ? null : "the certification permits no changes (DocMDP P=1)";
        }
        return null;
    }

    private void CheckPage(string name, int pageNumber, PdfDictionary oldPage, PdfDictionary newPage)
    {
        foreach (var key in PdfObjectEquality.ChangedKeys(oldPage, newPage))
        {
            if (key == "Annots")
            {
                var oldAnnots = before.Resolve<PdfArray>(oldPage["Annots"]) ?? new PdfArray();
                var newAnnots = after.Resolve<PdfArray>(newPage["Annots"]) ?? new PdfArray();
                CheckAnnotations(name, pageNumber, oldAnnots, newAnnots);
            }
            else
            {
                Disallow(name, $"page {pageNumber}: /{key} changed" + (key is "Contents" or "Resources" ? " (page content modified)" : ""));
            }
        }
    }

    private void CheckAnnotations(string name, int pageNumber, PdfArray oldAnnots, PdfArray newAnnots)
    {
        var removed = Missing(oldAnnots, newAnnots).Count;
        if (removed > 0 && !policy.AllowsAnnotations)
        {
            Disallow(name, $"page {pageNumber}: {removed} annotation(s) removed");
        }
        var added = Missing(newAnnots, oldAnnots);
        for (var i = 0; i < added.Count; i++)
        {
            Poll(i);
            var annotation = added[i];
            var dict = after.Resolve<PdfDictionary>(annotation);
            var isSignatureWidget = dict is not null && dict.GetName("Subtype")?.Value == "Widget" && FieldType(dict) == "Sig";
            // A widget's /V makes it a reported signature wherever it is listed, so it is judged on every path.
            if (isSignatureWidget && SignatureValueRefusal(FieldValue(dict!)) is { } valueRefusal)
            {
                Disallow(name, $"page {pageNumber}: signature widget added: {valueRefusal}");
            }
            // A signature widget is a new signature field when the form lists it, or when it carries a
            // signature made in this revision (pdfsig leaves a direct /AcroForm unchanged and lists the
            // new field only on the page). Anything else is just an annotation showing what it likes.
            else if (isSignatureWidget && annotation is PdfReference widgetRef && (FieldValue(dict!) is not null || FieldTree().Contains(widgetRef)))
            {
                if (!policy.AllowsFormFill && !IsDocumentTimestamp(after, FieldValue(dict!)))
                {
                    Disallow(name, $"page {pageNumber}: signature widget added although the certification permits no changes (DocMDP P=1)");
                }
                else
                {
                    Allow(name, $"page {pageNumber}: widget of a new signature field added");
                }
            }
            else if (policy.AllowsAnnotations)
            {
                Allow(name, $"page {pageNumber}: annotation added (DocMDP P=3)");
            }
            else if (isSignatureWidget)
            {
                Disallow(name, $"page {pageNumber}: signature widget added that is neither a field of the form (/Fields) nor signed in this revision");
            }
            else
            {
                Disallow(name, $"page {pageNumber}: {dict?.GetName("Subtype")?.Value ?? "unknown"} annotation added");
            }
        }
    }

    /// <summary>A widget's signature value: its own /V or, for a widget below a field, the field's.</summary>
    private PdfObject? FieldValue(PdfDictionary widget) =>
        widget["V"] ?? after.Resolve<PdfDictionary>(widget["Parent"])?["V"];

    private string? FieldType(PdfDictionary field)
    {
        var node = field;
        for (var depth = 0; depth < 32 && node is not null; depth++)
        {
            if (node.GetName("FT")?.Value is { } type)
            {
                return type;
            }
            node = after.Resolve<PdfDictionary>(node["Parent"]);
        }
        return null;
    }

    private static readonly HashSet<string> SigningKeys = ["V", "AP", "AS", "Lock", "M", "F", "DA", "MK", "SV"];
    private static readonly HashSet<string> WidgetKeys = ["AP", "AS", "MK"];
    private static readonly HashSet<string> FormFillKeys = ["V", "AP", "AS", "MK"];

    private static string Describe(PdfObject value) => value switch
    {
        PdfStream s => $"stream{TypeOf(s.Dictionary)}",
        PdfDictionary d => $"dictionary{TypeOf(d)}",
        PdfArray => "array",
        _ => "object",
    };

    private static string TypeOf(PdfDictionary d) =>
        d.GetName("Type")?.Value is { } t ? $" /{t}" : d.GetName("Subtype")?.Value is { } s ? $" /{s}" : "";

    private static string Name(int number) => $"object {number}";

    private void Allow(string name, string reason) => _changes.Add(new RevisionChange(name, true, reason));

    private void Disallow(string name, string reason) => _changes.Add(new RevisionChange(name, false, reason));

    // Loops over attacker-sized lists check the verification budget every 256 items.
    private void Poll(int i)
    {
        if ((i & 255) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
