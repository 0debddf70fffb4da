using System.Globalization;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Rendering.Pdf;
using OneThing.Fonts;
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

        writer.Line("签署证据报告 / Signing evidence report", 16, bold: true);
        writer.Gap(6);
        writer.Line($"申请编号 Application: {content.ApplicationNumber}    案件 Case: {content.CaseId}", 9);
        writer.Line($"公积金中心 Centre: {content.CentreCode}    受托银行 Bank: {content.BankCode}", 9);
        writer.Line($"生成时间 Generated: {Local(content.GeneratedAt)} (UTC+8)", 9);
        writer.Gap(8);

        writer.Line("签署人 Signers", 12, bold: true);
        foreach (var p in content.Parties)
            writer.Wrapped($"{p.Field} · {p.Role} · {p.Name} · {p.Status}{(p.At is { } at ? " · " + Local(at) : "")}", 9);
        writer.Gap(8);

        writer.Line("最终文件与验证结果 Final documents and verification", 12, bold: true);
        foreach (var d in content.Documents)
        {
            writer.Wrapped($"{d.Kind} r{d.Revision}  SHA-256 {d.Sha256}", 9);
            writer.Wrapped($"    验证 Verification: {d.Verification}", 9);
        }
        writer.Gap(8);

        writer.Line($"全部步骤 Every step ({content.Steps.Count})", 12, bold: true);
        foreach (var s in content.Steps)
        {
            writer.Wrapped($"#{s.ChainIndex} {Local(s.At)}  {s.Action}  {s.Actor} ({s.ActorRole})", 8.5, bold: true);
            if (s.ClientAddress is not null || s.UserAgent is not null)
                writer.Wrapped($"    IP {s.ClientAddress ?? "-"} · 设备 Device {s.UserAgent ?? "-"}", 8);
            if (!string.IsNullOrEmpty(s.Detail)) writer.Wrapped($"    {s.Detail}", 8);
            if (!string.IsNullOrEmpty(s.DocumentHashes)) foreach (var h in s.DocumentHashes.Split('\n')) writer.Wrapped($"    文件 {h}", 8);
            if (!string.IsNullOrEmpty(s.VerificationResults)) foreach (var v in s.VerificationResults.Split('\n')) writer.Wrapped($"    验证 {v}", 8);
            writer.Wrapped($"    链哈希 chain hash {s.Hash}", 7);
        }
        writer.Gap(8);
        writer.Wrapped($"审计链头 Audit chain head: {content.ChainHead ?? "(empty)"}", 9);
        writer.Wrapped("本报告由公积金中心电子印章签章，可用任何 PAdES 验证工具核验。 This report carries the centre's electronic seal and can be verified with any PAdES validator.", 9);

        var (pageIndex, top) = writer.ReserveBlock(SealSize + 10);
        writer.Dispose();
        SignatureFieldWriter.Write(document, [new SignatureFieldSpec(SealField, "centre-seal", pageIndex, PdfTextPages.Width - PdfTextPages.Margin - SealSize, PdfTextPages.Height - top - SealSize, SealSize, SealSize)],
            new Dictionary<string, string> { [SealField] = "公积金中心电子印章 / centre seal" });
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
