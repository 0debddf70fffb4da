using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>Runs the real verifier the way the CLI and the service do.</summary>
public static class VerifierHarness
{
    public static Task<VerificationReport> VerifyAsync(byte[] pdf, string? anchorsPem = null, VerificationOptions? options = null)
    {
        var anchors = anchorsPem is null ? TrustAnchors.None : new TrustAnchors(TrustAnchors.Parse(System.Text.Encoding.ASCII.GetBytes(anchorsPem)));
        return PdfSignatureVerifier.Create(options).VerifyAsync(pdf, "test.pdf", new VerificationRequest(anchors), CancellationToken.None);
    }

    public static CheckResult Check(this SignatureResult signature, CheckKind kind) => signature.Checks.First(c => c.Kind == kind);
}
