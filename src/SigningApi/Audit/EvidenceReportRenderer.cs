using System.Globalization;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Rendering.Pdf;
using OneThing.Fonts;
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
    private const double Margin = 40, Width = 595, Height = 842, SealSize = 130;
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
        var writer = new PageWriter(document);

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
        SignatureFieldWriter.Write(document, [new SignatureFieldSpec(SealField, "centre-seal", pageIndex, Width - Margin - SealSize, Height - top - SealSize, SealSize, SealSize)],
            new Dictionary<string, string> { [SealField] = "公积金中心电子印章 / centre seal" });
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static string Local(DateTimeOffset t) => t.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Top-down text flow with per-character wrapping (Chinese has no spaces to break at) and page breaks.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private readonly Dictionary<(double Size, bool Bold, string Character), double> _widths = [];
        private XGraphics? _gfx;
        private double _y;
        private int _page = -1;

        public void Line(string text, double size, bool bold = false) => Wrapped(text, size, bold);

        public void Gap(double points) => _y += points;

        public void Wrapped(string text, double size, bool bold = false)
        {
            var font = new XFont(PdfFonts.FamilyName, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            var lineHeight = size * 1.45;
            var gfx = Graphics(lineHeight);
            var start = 0;
            while (start < text.Length)
            {
                // Widths add up character by character (no kerning in this font), so each line is
                // measured once per character instead of re-measuring every growing prefix; a
                // surrogate pair (rare CJK extension characters in names) is never split.
                var end = start + RuneLength(text, start);
                var width = CharWidth(gfx, font, size, bold, text.Substring(start, end - start));
                while (end < text.Length)
                {
                    var next = RuneLength(text, end);
                    width += CharWidth(gfx, font, size, bold, text.Substring(end, next));
                    if (width > Width - 2 * Margin) break;
                    end += next;
                }
                gfx = Graphics(lineHeight);
                gfx.DrawString(text[start..end], font, XBrushes.Black, new XPoint(Margin, _y + size));
                _y += lineHeight;
                start = end;
            }
        }

        private static int RuneLength(string text, int index) =>
            char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

        private double CharWidth(XGraphics gfx, XFont font, double size, bool bold, string character)
        {
            if (!_widths.TryGetValue((size, bold, character), out var width))
                _widths[(size, bold, character)] = width = gfx.MeasureString(character, font).Width;
            return width;
        }

        /// <summary>Makes room for a block at the current position (new page if needed) and returns its page and top.</summary>
        public (int Page, double Top) ReserveBlock(double height)
        {
            Graphics(height);
            var top = _y;
            _y += height;
            return (_page, top);
        }

        private XGraphics Graphics(double needed)
        {
            if (_gfx is null || _y + needed > Height - Margin)
            {
                _gfx?.Dispose();
                var page = document.AddPage();
                page.Width = XUnit.FromPoint(Width);
                page.Height = XUnit.FromPoint(Height);
                _gfx = XGraphics.FromPdfPage(page);
                _page++;
                _y = Margin;
            }
            return _gfx;
        }

        public void Dispose() => _gfx?.Dispose();
    }
}
