using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneThing.Contracts.Events.V1;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using OneThing.SigningApi.Core.Reports;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Audit;

/// <summary>
/// Produces a completed case's 签署证据报告: verifies each final document, records the verdicts in
/// the audit trail, draws the report from the chained trail, seals it with the centre's seal
/// (PAdES, taken to B-LTA like the contracts) and stages it as the case's <c>evidence-report</c>
/// document. Nothing commits here: the caller saves it with the Completed transition.
/// </summary>
public sealed class EvidenceReportService(
    SigningDbContext db,
    AuditChainer chainer,
    EvidenceReportRenderer renderer,
    PdfSignatureVerifier verifier,
    CentrePkis pkis,
    CentreDocumentSeal seal,
    CaseDocumentFiles files,
    TimeProvider time) : IEvidenceReport
{
    public const string Kind = "evidence-report";

    public async Task<DocumentDigest> CreateAsync(SigningCase c, CaseTurn turn, CancellationToken ct)
    {
        if (c.Documents.Any(d => d.Kind == Kind)) throw new InvalidOperationException($"case {c.Id} already has an evidence report");

        var verdicts = new List<(string Kind, int Revision, string Sha256, string Verification)>();
        foreach (var d in c.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal))
        {
            var bytes = await files.ReadCurrentAsync(c, d, ct);
            VerificationReport report;
            using (OneThingActivity.Start("verify", c.Id, d.Kind))
            {
                report = await verifier.VerifyAsync(bytes, $"{d.Kind}-r{d.Revision}.pdf", new VerificationRequest(new TrustAnchors(pkis.TrustAnchors)), ct);
            }
            OneThingMetrics.Verifications.Add(1, new KeyValuePair<string, object?>("verdict", VerdictLabel.Of(report)));
            var problems = report.Problems.Count == 0 ? "" : "; " + string.Join("; ", report.Problems);
            verdicts.Add((d.Kind, d.Revision, d.Sha256, $"{report.Verdict}, {report.Signatures.Count} signature(s){problems}"));
        }
        var now = time.GetUtcNow();
        // The verification itself is evidence: it joins the chain before the report lists the chain.
        db.Add(new AuditEntry
        {
            CaseId = c.Id, At = now, Action = "documents-verified", Actor = WorkflowActors.Workflow, ActorRole = WorkflowActors.SystemRole,
            Detail = "final documents verified for the evidence report",
            DocumentHashes = string.Join('\n', verdicts.Select(v => $"{v.Kind}@{v.Revision}={v.Sha256}")),
            VerificationResults = string.Join('\n', verdicts.Select(v => $"{v.Kind}@{v.Revision}: {v.Verification}")),
        });
        await db.SaveChangesAsync(ct);
        await chainer.ChainPendingAsync(ct);

        var steps = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.CaseId == c.Id && e.ChainIndex != null).OrderBy(e => e.ChainIndex).ToListAsync(ct);
        var head = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.ChainIndex != null).OrderByDescending(e => e.ChainIndex).Select(e => e.Hash).FirstOrDefaultAsync(ct);
        var content = new EvidenceReportContent(c.Id, c.ApplicationNumber, c.CentreCode, c.BankCode, now,
            c.Parties.OrderBy(p => p.SigningOrder).Select(p => (p.FieldName, p.Role, p.Name, p.Status.ToString(), p.SignedAt ?? p.DeclinedAt)).ToList(),
            verdicts, steps, head);
        var pdf = renderer.Render(content);

        var signed = await seal.SealAsync(pdf, c.CentreCode, EvidenceReportRenderer.SealField, "签署证据报告", ct);

        var document = new CaseDocument
        {
            Id = Guid.NewGuid(),
            CaseId = c.Id,
            Kind = Kind,
            DocumentId = $"evidence-{c.Id:N}",
            TemplateId = "evidence-report",
            TemplateVersion = "1",
            TemplateHash = "built-in",
            PageCount = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import).PageCount,
            SignatureFieldsJson = JsonSerializer.Serialize(new[] { EvidenceReportRenderer.SealField }),
            Revision = 0,
            ObjectKey = "",
            Sha256 = "",
            Version = Guid.NewGuid(),
        };
        c.Documents.Add(document);
        db.Add(document);
        await files.StageNextRevisionAsync(c, document, signed, ct, turn);
        return new DocumentDigest(Kind, document.Revision, document.Sha256);
    }
}
