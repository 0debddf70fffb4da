using System.Globalization;
using System.Text;

namespace OneThing.Seal.Verification.Report;

/// <summary>Renders a <see cref="VerificationReport"/> as a human-readable, bilingual text report.</summary>
public static class TextReportWriter
{
    public static string Write(VerificationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"验证报告 / Verification report: {report.FileName}");
        text.AppendLine($"  文件大小 / Size: {report.FileSize} bytes   SHA-256: {report.Sha256}");
        text.AppendLine($"  验证时间 / Verified at: {Time(report.VerifiedAt)}");
        if (report.DocMdpPermission is { } p)
        {
            text.AppendLine($"  认证签名权限 / Certification (DocMDP) P={p}");
        }
        text.AppendLine($"  结论 / Verdict: {ReportLabels.Of(report.Verdict)}");
        foreach (var problem in report.Problems)
        {
            text.AppendLine($"    - {problem}");
        }

        for (var i = 0; i < report.Signatures.Count; i++)
        {
            WriteSignature(text, i + 1, report.Signatures[i]);
        }

        if (report.Revisions.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("修订版本 / Revisions:");
            foreach (var revision in report.Revisions)
            {
                var added = revision.SignaturesAdded.Count == 0 ? "" : $"  签名 / signs: {string.Join(", ", revision.SignaturesAdded)}";
                text.AppendLine($"  #{revision.Index} [{revision.StartOffset}–{revision.EndOffset}) {ReportLabels.Of(revision.Classification)}{added}");
                foreach (var change in revision.Changes.Where(c => !c.Allowed))
                {
                    text.AppendLine($"      ✗ {change.Object}: {change.Reason}");
                }
            }
        }
        return text.ToString();
    }

    private static void WriteSignature(StringBuilder text, int number, SignatureResult signature)
    {
        text.AppendLine();
        var kind = signature.Kind == SignatureKind.Signature ? "签名 / Signature" : "文档时间戳 / Document timestamp";
        text.AppendLine($"{kind} #{number}: {signature.FieldName} — {ReportLabels.SignatureVerdict(signature)}");
        if (signature.Signer is { } signer)
        {
            text.AppendLine($"  签署人 / Signer: {signer.Subject}");
            text.AppendLine($"  颁发者 / Issuer: {signer.Issuer}  (serial {signer.SerialNumber})");
        }
        if (signature.SubFilter is { } subFilter)
        {
            text.AppendLine($"  类型 / Type: {subFilter}   {ReportLabels.Of(signature.Level)}");
        }
        if (signature.DigestAlgorithm is not null || signature.SignatureAlgorithm is not null)
        {
            text.AppendLine($"  算法 / Algorithm: {signature.DigestAlgorithm} / {signature.SignatureAlgorithm}");
        }
        if (signature.ElectronicSeal is { } seal)
        {
            text.AppendLine($"  电子印章 / Seal (GB/T 38540 v{seal.Version}): {seal.Name}  esID {seal.EsId}  type {seal.Type}  valid {Time(seal.ValidStart)} – {Time(seal.ValidEnd)}");
            text.AppendLine($"  制章人 / Seal maker: {seal.Maker?.Subject ?? "-"}");
        }
        text.AppendLine($"  声称时间 / Claimed time: {Time(signature.ClaimedTime)}");
        text.AppendLine($"  时间戳时间 / Timestamped time: {Time(signature.TimestampedTime)}");
        text.AppendLine($"  签名范围 / Byte range: [{string.Join(' ', signature.ByteRange)}]  "
            + (signature.CoversWholeFile ? "覆盖整个文件 / covers the whole file" : "未覆盖整个文件 / does not cover the whole file"));
        foreach (var check in signature.Checks)
        {
            WriteCheck(text, "  ", check);
        }
        if (signature.Timestamp is { } timestamp && signature.Kind == SignatureKind.Signature)
        {
            text.AppendLine($"  时间戳机构 / Timestamp authority: {timestamp.Authority?.Subject ?? "-"}");
            foreach (var check in timestamp.Checks)
            {
                WriteCheck(text, "    ", check);
            }
        }
    }

    private static void WriteCheck(StringBuilder text, string indent, CheckResult check)
    {
        var mark = check.Status switch { CheckStatus.Passed => "✓", CheckStatus.NotApplicable => "·", _ => "✗" };
        text.AppendLine($"{indent}{mark} {ReportLabels.Of(check.Kind)}: {ReportLabels.Of(check.Status)} — {check.Detail}");
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "-";
}
