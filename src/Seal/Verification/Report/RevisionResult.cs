namespace OneThing.Seal.Verification.Report;

/// <summary>One incremental revision of the file and the classification of what it changed.</summary>
public sealed record RevisionResult(
    int Index,
    long StartOffset,
    long EndOffset,
    IReadOnlyList<string> SignaturesAdded,
    ChangeClass Classification,
    IReadOnlyList<RevisionChange> Changes);
