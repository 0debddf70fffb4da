using System.Text;
using System.Text.RegularExpressions;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// Checks every signature of a PDF with openssl against the service's root only: each CMS over its
/// signed byte ranges (<c>openssl cms -verify</c>) and each document timestamp (<c>openssl ts -verify</c>).
/// Independent of the product's own verifier.
/// </summary>
public static partial class OpenSslSignatureCheck
{
    /// <param name="SignerCertificate">The certificate openssl found the CMS signed by (DER; null for a document timestamp or a failed check).</param>
    public sealed record Outcome(string Kind, bool Verified, string Output, byte[]? SignerCertificate = null);

    public static IReadOnlyList<Outcome> VerifyAll(byte[] pdf, byte[] rootDer)
    {
        var dir = Path.Combine(Path.GetTempPath(), "onething-openssl", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var rootPem = Path.Combine(dir, "root.pem");
            File.WriteAllText(rootPem, "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(rootDer, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n");
            var text = Encoding.Latin1.GetString(pdf);
            var outcomes = new List<Outcome>();
            var n = 0;
            foreach (Match m in ByteRange().Matches(text))
            {
                var (a, b, c, d) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value));
                if (a != 0 || c + d > pdf.Length) continue; // a placeholder template, not a signed range
                var ranges = Path.Combine(dir, $"ranges{n}.bin");
                File.WriteAllBytes(ranges, [.. pdf.AsSpan(a, b), .. pdf.AsSpan(c, d)]);
                var hex = text[(a + b)..c].Trim().TrimStart('<').TrimEnd('>');
                var der = Convert.FromHexString(hex);
                der = der[..DerLength(der)];
                var sig = Path.Combine(dir, $"sig{n}.der");
                File.WriteAllBytes(sig, der);
                var isDocTimestamp = text.LastIndexOf("/SubFilter", a + b, StringComparison.Ordinal) is var at && at >= 0
                    && text.AsSpan(at, Math.Min(60, text.Length - at)).Contains("ETSI.RFC3161", StringComparison.Ordinal);
                var result = isDocTimestamp
                    ? ExternalTool.Run("openssl", "ts", "-verify", "-data", ranges, "-in", sig, "-token_in", "-CAfile", rootPem)
                    : ExternalTool.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", sig, "-content", ranges, "-CAfile", rootPem, "-purpose", "any",
                        "-out", Path.Combine(dir, "out.bin"), "-signer", Path.Combine(dir, $"signer{n}.pem"));
                var verified = result.ExitCode == 0 && result.Output.Contains("Verification successful", StringComparison.Ordinal) || result.ExitCode == 0 && result.Output.Contains("Verification: OK", StringComparison.Ordinal);
                var signerPem = Path.Combine(dir, $"signer{n}.pem");
                var signer = verified && !isDocTimestamp && File.Exists(signerPem)
                    ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(signerPem)).RawData
                    : null;
                outcomes.Add(new Outcome(isDocTimestamp ? "document-timestamp" : "signature", verified, result.Output, signer));
                n++;
            }
            return outcomes;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Length of the outer DER element (the /Contents hex is zero-padded after it).</summary>
    private static int DerLength(byte[] der)
    {
        if (der[1] < 0x80) return 2 + der[1];
        var count = der[1] & 0x7F;
        var length = 0;
        for (var i = 0; i < count; i++) length = (length << 8) | der[2 + i];
        return 2 + count + length;
    }

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRange();
}
