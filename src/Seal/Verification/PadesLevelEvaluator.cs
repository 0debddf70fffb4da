using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Verification;

/// <summary>
/// The PAdES baseline level a valid signature reaches (ETSI EN 319 142-1): B-B (CAdES-detached,
/// signing certificate bound, no signing-time attribute), B-T (plus a valid signature or document
/// timestamp), B-LT (plus a DSS added after it holding what validates it), B-LTA (plus a valid
/// document timestamp over that DSS).
/// </summary>
internal static class PadesLevelEvaluator
{
    public static PadesLevel Evaluate(SignatureResult result, SignerInfoOutcome outcome, DateTimeOffset? laterDocumentTimestamp, VerificationContext context)
    {
        var passed = result.Checks.Where(c => c.Kind is CheckKind.ByteRange or CheckKind.Integrity or CheckKind.CmsSignature or CheckKind.SigningCertificateBinding)
            .All(c => c.Status == CheckStatus.Passed);
        if (result.SubFilter != "ETSI.CAdES.detached" || !passed || outcome.SigningTimeAttribute is not null)
        {
            return PadesLevel.None;
        }
        var timestamped = result.Timestamp is { IsValid: true } || laterDocumentTimestamp is not null;
        if (!timestamped)
        {
            return PadesLevel.BB;
        }
        var validated = result.Checks.Where(c => c.Kind is CheckKind.CertificateChain or CheckKind.Revocation).All(c => c.IsAcceptable);
        var dssAfter = context.DssRevision is { } dss && result.Revision is { } own && dss > own;
        if (!validated || !dssAfter)
        {
            return PadesLevel.BT;
        }
        return context.DocumentTimestampRevisions.Any(r => r > context.DssRevision) ? PadesLevel.BLTA : PadesLevel.BLT;
    }
}
