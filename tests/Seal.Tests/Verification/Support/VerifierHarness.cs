using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>Runs the real verifier the way the CLI and the service do.</summary>
public static class VerifierHarness
{
    public static async Task<VerificationReport> VerifyAsync(byte[] pdf, string? anchorsPem = null, VerificationOptions? options = null, bool online = false)
    {
        var anchors = anchorsPem is null ? TrustAnchors.None : new TrustAnchors(TrustAnchors.Parse(System.Text.Encoding.ASCII.GetBytes(anchorsPem)));
        using var http = online ? new HttpClient() : null;
        return await PdfSignatureVerifier.Create(options, http).VerifyAsync(pdf, "test.pdf", new VerificationRequest(anchors, online), CancellationToken.None);
    }

    public static CheckResult Check(this SignatureResult signature, CheckKind kind) => signature.Checks.First(c => c.Kind == kind);
}
