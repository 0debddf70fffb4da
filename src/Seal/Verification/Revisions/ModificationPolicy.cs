using OneThing.Seal.Verification.Document;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>
/// What the signatures made before a revision allow it to change. <paramref name="DocMdpPermission"/> is the
/// strictest of the certification's DocMDP /P and any signature's lock /P (PDF 2.0): the centre's seal sets
/// P=1, after which only DSS updates and invisible document timestamps remain.
/// </summary>
internal sealed record ModificationPolicy(int? DocMdpPermission, IReadOnlyList<(string Signature, FieldLock Lock)> Locks)
{
    /// <summary>Form filling and signing of existing fields (P=2, P=3, or no certification).</summary>
    public bool AllowsFormFill => DocMdpPermission is null or >= 2;

    /// <summary>Adding, changing or removing annotations (P=3 only).</summary>
    public bool AllowsAnnotations => DocMdpPermission == 3;

    /// <summary>
    /// Whether an earlier signature fixed what the pages show (a DocMDP certification or a lock with /P): new
    /// signature fields may then not draw on a page, or a signer could paint over the certified content
    /// ("Sneaky Signature", Rohlmann et al., IEEE S&amp;P 2021).
    /// </summary>
    public bool FixesPageView => DocMdpPermission is not null;

    /// <summary>The signature whose lock covers <paramref name="fieldName"/>, if any.</summary>
    public string? LockedBy(string? fieldName) =>
        fieldName is null ? null : Locks.FirstOrDefault(l => l.Lock.Locks(fieldName)).Signature;

    /// <summary>The signature whose lock covers every field, those added after it too (FieldMDP /Action /All), if any.</summary>
    public string? LockingEveryField => Locks.FirstOrDefault(l => l.Lock.LocksEveryField).Signature;
}
