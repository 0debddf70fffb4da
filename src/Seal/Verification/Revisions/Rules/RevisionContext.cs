using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Xref;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// What the rules judging one revision share: the document before and after it, the roles of their objects,
/// what the earlier signatures permit, the findings so far and the verification budget. The rules themselves
/// hold no state, so one analyzer serves concurrent verifications.
/// </summary>
internal sealed class RevisionContext(
    PdfDocumentReader before,
    PdfDocumentReader after,
    PdfRevision revision,
    ModificationPolicy policy,
    ObjectRoleMap afterRoles,
    CancellationToken cancellationToken)
{
    private const int MaxFieldTree = 100_000;
    private readonly List<RevisionChange> _changes = [];
    private HashSet<PdfReference>? _fieldTree;
    private Dictionary<PdfReference, int>? _pageNumbers;

    /// <summary>The document as it was before the revision.</summary>
    public PdfDocumentReader Before => before;

    /// <summary>The document as the revision leaves it.</summary>
    public PdfDocumentReader After => after;

    public PdfRevision Revision => revision;

    public ModificationPolicy Policy => policy;

    /// <summary>
    /// The roles of the objects of the revision before, which decide how their changes are judged
    /// (sized from the map of the revision after, which it about matches).
    /// </summary>
    public ObjectRoleMap BeforeRoles { get; } = new(before, afterRoles.Count);

    /// <summary>The roles of the objects of the revision after.</summary>
    public ObjectRoleMap AfterRoles => afterRoles;

    /// <summary>The findings in the order they were made.</summary>
    public IReadOnlyList<RevisionChange> Changes => _changes;

    /// <summary>How many objects the revision adds.</summary>
    public int AddedObjects { get; set; }

    public void Allow(string name, string reason) => _changes.Add(new RevisionChange(name, true, reason));

    public void Disallow(string name, string reason) => _changes.Add(new RevisionChange(name, false, reason));

    // Loops over attacker-sized lists check the verification budget every 256 items.
    public void Poll(int i)
    {
        if ((i & 255) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public bool ExistedBefore(PdfReference reference) =>
        before.TryGetEntry(reference.Number, out var entry) && entry.Kind != XrefEntryKind.Free;

    /// <summary>The number (from 1) of the page <paramref name="page"/> names in the revision after, or null when it names none.</summary>
    public int? PageNumberOf(PdfReference page)
    {
        if (_pageNumbers is null)
        {
            _pageNumbers = [];
            foreach (var (reference, _) in after.GetPages())
            {
                _pageNumbers.TryAdd(reference, _pageNumbers.Count + 1);
            }
        }
        return _pageNumbers.TryGetValue(page, out var number) ? number : null;
    }

    /// <summary>Every field and widget reachable from the /Fields of the revision after, built once on first use.</summary>
    public HashSet<PdfReference> FieldTree()
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
    public List<PdfObject> Missing(PdfArray items, PdfArray other)
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

    /// <summary>How the report names an object by its number.</summary>
    public static string Name(int number) => $"object {number}";

    /// <summary>How the report describes an object by its kind and /Type (or /Subtype).</summary>
    public static string Describe(PdfObject? value) => value switch
    {
        PdfStream s => $"stream{TypeOf(s.Dictionary)}",
        PdfDictionary d => $"dictionary{TypeOf(d)}",
        PdfArray => "array",
        _ => "object",
    };

    private static string TypeOf(PdfDictionary d) =>
        d.GetName("Type")?.Value is { } t ? $" /{t}" : d.GetName("Subtype")?.Value is { } s ? $" /{s}" : "";
}
