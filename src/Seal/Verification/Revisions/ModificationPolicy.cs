using OneThing.Seal.Verification.Document;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>What the signatures made before a revision allow it to change.</summary>
internal sealed record ModificationPolicy(int? DocMdpPermission, IReadOnlyList<(string Signature, FieldLock Lock)> Locks)
{
    /// <summary>Form filling and signing of existing fields (P=2, P=3, or no certification).</summary>
    public bool AllowsFormFill => DocMdpPermission is null or >= 2;

    /// <summary>Adding, changing or removing annotations (P=3 only).</summary>
    public bool AllowsAnnotations => DocMdpPermission == 3;

    /// <summary>The signature whose lock covers <paramref name="fieldName"/>, if any.</summary>
    public string? LockedBy(string? fieldName) =>
        fieldName is null ? null : Locks.FirstOrDefault(l => l.Lock.Locks(fieldName)).Signature;
}
