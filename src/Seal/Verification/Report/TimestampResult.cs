namespace OneThing.Seal.Verification.Report;

/// <summary>An RFC 3161 token (signature timestamp or document timestamp) and its checks.</summary>
public sealed record TimestampResult(
    DateTimeOffset? GenTime,
    CertificateInfo? Authority,
    string? ImprintAlgorithm,
    IReadOnlyList<CertificateInfo> Chain,
    IReadOnlyList<CheckResult> Checks)
{
    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.IsAcceptable);
}
