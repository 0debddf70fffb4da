namespace OneThing.Seal.Verification.Report;

/// <summary>Outcome of one check. Only <see cref="Passed"/> and <see cref="NotApplicable"/> let a document be valid.</summary>
public enum CheckStatus
{
    Passed,
    Failed,
    /// <summary>The check could not be completed (no trust anchor, no revocation data, unsupported algorithm).</summary>
    Indeterminate,
    NotApplicable,
}
