namespace OneThing.Seal.Crypto.Cms;

/// <summary>Outcome of one check of a SignerInfo; a verifier maps it onto its own report, a producer only asks whether it passed.</summary>
public enum CmsCheckStatus
{
    Passed,
    Failed,
    /// <summary>The check could not be completed (unsupported algorithm, unsupported hash).</summary>
    Indeterminate,
    NotApplicable,
}
