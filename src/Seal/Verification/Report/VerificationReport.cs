namespace OneThing.Seal.Verification.Report;

/// <summary>The verifier's answer for one file: per-signature results, per-revision change analysis, verdict.</summary>
public sealed record VerificationReport
{
    public required string FileName { get; init; }
    public required long FileSize { get; init; }
    public required string Sha256 { get; init; }
    public required DateTimeOffset VerifiedAt { get; init; }
    public required Verdict Verdict { get; init; }
    /// <summary>DocMDP permission of the certifying signature (1, 2 or 3), if the document is certified.</summary>
    public int? DocMdpPermission { get; init; }
    public IReadOnlyList<SignatureResult> Signatures { get; init; } = [];
    public IReadOnlyList<RevisionResult> Revisions { get; init; } = [];
    /// <summary>Reasons the verdict is not <see cref="Verdict.Valid"/>, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
