using System.Globalization;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Rendering.Pdf;
using OneThing.Fonts;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Reports;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OneThing.SigningApi.Audit;

/// <summary>
/// Draws the 签署证据报告 with PDFsharp: case, parties, final documents with their verification
/// verdicts, then every audit step (time, actor, role, IP, device, detail, document hashes, chain
/// hash), ending with an empty signature field for the centre seal.
/// </summary>
public sealed class EvidenceReportRenderer
{
    public const string SealField = "CentreSeal";
    private const double SealSize = 130;
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public byte[] Render(EvidenceReportContent content)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        // The CJK font subset is large (PDFsharp keeps the full glyph index tables); the fastest
        // deflate level costs a little size and saves most of the save time.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        document.Info.Title = $"签署证据报告 {content.ApplicationNumber}";
        document.Info.Creator = "OneThing e-sign";
        var writer = new PdfTextPages(document);

        // Everything printed is Chinese (the people who read it are the centre's, the bank's and a court's):
        // recorded lines are said again by RecordText, which keeps what it does not know as written.
        writer.Line("签署证据报告", 16, bold: true);
        writer.Gap(6);
        writer.Line($"申请编号：{content.ApplicationNumber}    案件标识：{content.CaseId}", 9);
        writer.Line($"公积金中心：{content.CentreCode}    受托银行：{content.BankCode}", 9);
        writer.Line($"生成时间：{Local(content.GeneratedAt)}（北京时间）", 9);
        writer.Gap(8);

        writer.Line("签署人", 12, bold: true);
        foreach (var p in content.Parties)
            writer.Wrapped($"{RecordText.FieldLabel(p.Field)} · {RecordText.PartyRole(p.Role)} · {p.Name} · {RecordText.PartyStatus(p.Status)}{(p.At is { } at ? " · " + Local(at) : "")}", 9);
        writer.Gap(8);

        writer.Line("最终文件与验证结果", 12, bold: true);
        foreach (var d in content.Documents)
        {
            writer.Wrapped($"{RecordText.Kind(d.Kind)}（{RecordText.Version(d.Revision.ToString(CultureInfo.InvariantCulture))}）SHA-256 摘要 {d.Sha256}", 9);
            writer.Wrapped($"    验证结果：{RecordText.VerificationResult($"{d.Kind}@{d.Revision}: {d.Verification}")}", 9);
        }
        writer.Gap(8);

        writer.Line($"全部步骤（共 {content.Steps.Count} 步，时间均为北京时间）", 12, bold: true);
        foreach (var s in content.Steps)
        {
            writer.Wrapped($"#{s.ChainIndex} {Local(s.At)}  {RecordText.Action(s.Action)}  {RecordText.Actor(s.Actor, s.ActorRole)}", 8.5, bold: true);
            if (s.ClientAddress is not null || s.UserAgent is not null)
                writer.Wrapped($"    IP 地址 {s.ClientAddress ?? "-"} · 设备 {s.UserAgent ?? "-"}", 8);
            if (!string.IsNullOrEmpty(s.Detail)) writer.Wrapped($"    {RecordText.AuditDetail(s.Action, s.Detail, full: true)}", 8);
            if (!string.IsNullOrEmpty(s.DocumentHashes)) foreach (var h in s.DocumentHashes.Split('\n')) writer.Wrapped($"    文件 {RecordText.DocumentHash(h)}", 8);
            if (!string.IsNullOrEmpty(s.VerificationResults)) foreach (var v in s.VerificationResults.Split('\n')) writer.Wrapped($"    验证 {RecordText.VerificationResult(v)}", 8);
            writer.Wrapped($"    链哈希 {s.Hash}", 7);
        }
        writer.Gap(8);
        writer.Wrapped($"审计链头：{content.ChainHead ?? "（空）"}", 9);
        writer.Wrapped("本报告由公积金中心电子印章签章，可用任何 PAdES 验证工具核验。", 9);

        var (pageIndex, top) = writer.ReserveBlock(SealSize + 10);
        writer.Dispose();
        SignatureFieldWriter.Write(document, [new SignatureFieldSpec(SealField, "centre-seal", pageIndex, PdfTextPages.Width - PdfTextPages.Margin - SealSize, PdfTextPages.Height - top - SealSize, SealSize, SealSize)],
            new Dictionary<string, string> { [SealField] = "公积金中心电子印章" });
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
