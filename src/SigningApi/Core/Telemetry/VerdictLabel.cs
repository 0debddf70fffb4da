using OneThing.Seal.Verification.Report;

namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>The <c>verdict</c> label of <c>onething_verifications_total</c>: valid, invalid or unreadable.</summary>
public static class VerdictLabel
{
    public static string Of(VerificationReport report) => report.Verdict switch
    {
        Verdict.Valid => "valid",
        Verdict.Invalid => "invalid",
        _ => "unreadable",
    };
}
