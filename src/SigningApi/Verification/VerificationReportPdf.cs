using System.Globalization;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Rendering.Pdf;
using OneThing.Fonts;
using OneThing.Seal.Verification.Report;
using OneThing.SigningApi.Core.Reports;
using PdfSharp.Pdf;
using T = OneThing.SigningApi.Verification.VerificationReportTexts;

namespace OneThing.SigningApi.Verification;

/// <summary>What the printed 验签报告 states: the verifier's report, who asked, and the match to the centre's record if the caller may see it.</summary>
public sealed record VerificationReportContent(VerificationReport Report, string VerifiedBy, RevisionMatchView? Match);

/// <summary>
/// Draws the 验签报告 a bank files with the loan: the file (name, size, SHA-256), the verdict in one
/// sentence, the match to the centre's stored revision (or that there is none the caller may see), each
/// signature in plain Chinese with its checks, and an empty field for the centre's seal.
/// </summary>
public sealed class VerificationReportPdf
{
    public const string SealField = "CentreSeal";
    private const double SealSize = 130;
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public byte[] Render(VerificationReportContent content)
    {
        var report = content.Report;
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        document.Info.Title = $"验签报告 {report.FileName}";
        document.Info.Creator = "OneThing e-sign";
        var writer = new PdfTextPages(document);

        writer.Line("验签报告", 18, bold: true);
        writer.Gap(6);
        writer.Wrapped($"文件：{report.FileName}（{report.FileSize.ToString("N0", CultureInfo.InvariantCulture)} 字节）", 10);
        writer.Wrapped($"SHA-256：{report.Sha256.ToLowerInvariant()}", 9);
        writer.Wrapped($"核验时间：{Local(report.VerifiedAt)}（北京时间）    核验人：{content.VerifiedBy}", 10);
        writer.Gap(8);
        writer.Line("核验结论", 13, bold: true);
        writer.Wrapped(T.Verdict(report.Verdict), 11, bold: true);
        writer.Gap(8);

        writer.Line("与中心存档比对", 13, bold: true);
        if (content.Match is { } m)
        {
            writer.Wrapped(m.IsFinalSealed
                ? $"本文件与公积金中心存档的最终盖章版本完全一致（第 {m.Revision} 版）。"
                : $"本文件与公积金中心存档的第 {m.Revision} 版完全一致，但不是最终盖章版本（中心当前为第 {m.CurrentRevision} 版）。如需办理业务，请使用最终盖章版本。", 10);
            writer.Wrapped($"合同编号：{m.ContractNumber}    文件：{T.DocumentKind(m.DocumentKind)}（{m.DocumentId}）", 10);
            writer.Wrapped($"签署人：{string.Join("、", m.Parties.Select(Party))}    公积金中心：{m.CentreName}", 10);
        }
        else
        {
            writer.Wrapped("在核验人有权查看的案件中，没有与本文件完全一致的存档版本。签名核验结论仍以上方为准。", 10);
        }
        writer.Gap(8);

        writer.Line($"签名与时间戳（{report.Signatures.Count} 项）", 13, bold: true);
        var index = 0;
        foreach (var signature in report.Signatures)
        {
            index++;
            var title = signature.Kind == SignatureKind.DocumentTimestamp
                ? $"第 {index} 项：文档时间戳（{T.Field(signature.FieldName)}）"
                : $"第 {index} 项：{T.CommonName(signature.Signer?.Subject)} 的签名（{T.Field(signature.FieldName)}）";
            writer.Gap(4);
            writer.Wrapped($"{title}　{(signature.IsValid ? "【有效】" : "【无效】")}", 10.5, bold: true);
            if (signature.Signer is { } signer) writer.Wrapped($"签发机构：{T.CommonName(signer.Issuer)}", 9);
            writer.Wrapped($"可信时间：{(signature.TimestampedTime is { } at ? Local(at) + "（北京时间）" : "无可信时间戳")}    时间戳机构：{T.CommonName(signature.Timestamp?.Authority?.Subject)}", 9);
            writer.Wrapped($"签名级别：{T.Level(signature.Level)}", 9);
            var checks = signature.Checks.Concat(signature.Timestamp?.Checks ?? []).ToList();
            writer.Wrapped("检查项：" + string.Join("；", checks.Select(c => $"{T.Check(c.Kind)} {T.Status(c.Status)}")), 9);
            foreach (var reason in checks.Where(c => !c.IsAcceptable).Select(c => T.Reason(c.Kind)).Distinct())
                writer.Wrapped($"无效原因：{reason}", 9, bold: true);
        }
        if (report.Signatures.Count == 0) writer.Wrapped("文件中没有签名。", 10);
        writer.Gap(10);
        writer.Wrapped("本报告由公积金中心电子印章签章，可在本服务的核验页面或任何 PAdES 验证工具核验；逐项技术细节见同一次核验的 JSON 报告。", 9);

        var (pageIndex, top) = writer.ReserveBlock(SealSize + 10);
        writer.Dispose();
        SignatureFieldWriter.Write(document,
            [new SignatureFieldSpec(SealField, "centre-seal", pageIndex, PdfTextPages.Width - PdfTextPages.Margin - SealSize, PdfTextPages.Height - top - SealSize, SealSize, SealSize)],
            new Dictionary<string, string> { [SealField] = "公积金中心电子印章" });
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>"borrower:王*国" → "借款人 王*国".</summary>
    private static string Party(string masked) =>
        masked.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? $"{T.PartyRole(masked[..i])} {masked[(i + 1)..]}" : masked;

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
