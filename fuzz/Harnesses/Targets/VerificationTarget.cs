using System.Diagnostics;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>verify</c>: the whole verification of <c>POST /api/v1/verify</c> and <c>onething verify</c>. Properties:
/// no exception escapes <see cref="PdfSignatureVerifier.VerifyAsync"/>; the report comes back within
/// <see cref="VerificationOptions.MaxDuration"/> (plus <see cref="Slack"/> for the last check to notice);
/// it is consistent (an unreadable or invalid verdict names a problem, a valid one has only valid
/// signatures) and both report writers accept it. The memory bound is the GC heap hard limit that
/// scripts/fuzz/run.sh sets for this harness: going past it is an OutOfMemoryException, which escapes.
/// </summary>
public sealed class VerificationTarget : IFuzzTarget
{
    public const string HarnessName = "verify";

    /// <summary>Environment variable naming a PEM file of trust anchors (the seed documents' root), so trusted paths are explored too.</summary>
    public const string TrustVariable = "ONETHING_FUZZ_TRUST";

    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed past the budget: cancellation is checked between objects and signatures, and the machine is shared.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(3);

    // Caches off: a run must not depend on the inputs before it (AFL++ counts that as instability).
    private readonly PdfSignatureVerifier _verifier = PdfSignatureVerifier.Create(new VerificationOptions { MaxDuration = Budget, SignatureCacheSize = 0 });
    private readonly VerificationRequest _request = new(Environment.GetEnvironmentVariable(TrustVariable) is { Length: > 0 } path && File.Exists(path)
        ? new TrustAnchors(TrustAnchors.Parse(File.ReadAllBytes(path)))
        : TrustAnchors.None);

    public string Name => HarnessName;

    public IReadOnlyList<string> Instrumented => ["OneThing.Seal.Pdf.dll", "OneThing.Seal.Crypto.dll", "OneThing.Seal.Verification.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        var clock = Stopwatch.StartNew();
        var report = _verifier.VerifyAsync(data, "fuzz.pdf", _request, CancellationToken.None).GetAwaiter().GetResult();
        clock.Stop();
        if (clock.Elapsed > Budget + Slack)
        {
            throw new PropertyViolationException($"verification took {clock.Elapsed.TotalSeconds:0.0} s, past its {Budget.TotalSeconds:0} s budget");
        }
        if (report.Verdict != Verdict.Valid && report.Problems.Count == 0)
        {
            throw new PropertyViolationException($"verdict {report.Verdict} without a problem named");
        }
        if (report.Verdict == Verdict.Valid && (report.Signatures.Count == 0 || report.Signatures.Any(s => !s.IsValid)))
        {
            throw new PropertyViolationException("verdict Valid with no signature or an invalid one");
        }
        _ = JsonReportWriter.Write(report);
        _ = TextReportWriter.Write(report);
    }
}
