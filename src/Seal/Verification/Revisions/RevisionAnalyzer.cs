using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Xref;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Revisions.Rules;

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
    // One rule per family of changes, in the order their findings appear in the report. Each object
    // role belongs to one rule, so the order decides only which whole-revision findings come first.
    private static readonly IRevisionRule[] Rules =
    [
        new FileStructureRule(),
        new InfoRule(),
        new DssRule(),
        new FormFieldRule(),
        new PageRule(),
        new AnnotationRule(),
    ];

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
                    foreach (var p in new[] { s.DocMdpPermission, s.Lock?.Permission })
                    {
                        if (p is not null && (docMdp is null || p < docMdp))
                        {
                            docMdp = p;
                        }
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
                // The roles of the revision after are those the newer comparison built for its revision before (only the newest is built here).
                currentRoles ??= new ObjectRoleMap(current);
                var context = new RevisionContext(previous, current, revision, policy, currentRoles, cancellationToken);
                Compare(context);
                currentRoles = context.BeforeRoles;
                var allowed = true;
                foreach (var change in context.Changes)
                {
                    allowed &= change.Allowed;
                }
                results[i] = new RevisionResult(i, start, revision.EndOffset, [.. added],
                    allowed ? ChangeClass.Allowed : ChangeClass.Disallowed, context.Changes);
            }
            if (previous is not null)
            {
                current = previous;
            }
        }
        return results;
    }

    /// <summary>Runs the rules over one revision: their whole-revision checks, then each changed object in object-number order, then their summaries.</summary>
    private static void Compare(RevisionContext context)
    {
        foreach (var rule in Rules)
        {
            rule.CheckRevision(context);
        }
        var (before, after, revision) = (context.Before, context.After, context.Revision);
        var numbers = new int[revision.Entries.Count];
        var k = 0;
        foreach (var (n, _) in revision.Entries)
        {
            numbers[k++] = n;
        }
        Array.Sort(numbers);
        for (var j = 0; j < numbers.Length; j++)
        {
            context.Poll(j);
            var number = numbers[j];
            var entry = revision.Entries[number];
            var existedBefore = before.TryGetEntry(number, out var oldEntry) && oldEntry.Kind != XrefEntryKind.Free;
            if (entry.Kind == XrefEntryKind.Free)
            {
                if (existedBefore)
                {
                    Judge(context, new ObjectChange(number, ObjectChangeKind.Deleted, oldEntry.ObjectGeneration, entry.ObjectGeneration, ObjectRole.Other, null, null));
                }
                continue;
            }
            if (!existedBefore)
            {
                context.AddedObjects++;
                continue;
            }
            var newGeneration = entry.ObjectGeneration;
            var oldGeneration = oldEntry.ObjectGeneration;
            if (newGeneration != oldGeneration)
            {
                Judge(context, new ObjectChange(number, ObjectChangeKind.Regenerated, oldGeneration, newGeneration, ObjectRole.Other, null, null));
                continue;
            }
            var newValue = after.GetObject(number, newGeneration);
            var oldValue = before.GetObject(number, oldGeneration);
            if (PdfObjectEquality.AreEqual(oldValue, newValue))
            {
                continue;
            }
            Judge(context, new ObjectChange(number, ObjectChangeKind.Modified, oldGeneration, newGeneration, context.BeforeRoles[number], oldValue, newValue));
        }
        foreach (var rule in Rules)
        {
            rule.CompleteRevision(context);
        }
    }

    /// <summary>Offers the change to each rule in turn; what no rule judges is a change no signature permits.</summary>
    private static void Judge(RevisionContext context, ObjectChange change)
    {
        foreach (var rule in Rules)
        {
            if (rule.CheckObject(context, change))
            {
                return;
            }
        }
        context.Disallow(change.Name, RevisionContext.Describe(change.OldValue) + " changed");
    }
}
