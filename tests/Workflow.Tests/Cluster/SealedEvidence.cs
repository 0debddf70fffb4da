using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// What a sealed PDF's DSS holds, read with qpdf (its JSON form) and openssl, not with the service's own
/// reader: the certificates and the OCSP responses (certificate serial → status).
/// </summary>
internal sealed partial record SealedEvidence(IReadOnlyList<SealedEvidence.Certificate> Certificates, IReadOnlyDictionary<string, string> OcspStatusBySerial)
{
    public sealed record Certificate(string Path, string Subject, string Issuer, string Serial, bool IsCa, bool IsTrustService);

    /// <summary>Signers' certificates: neither a CA nor a trust service's own (timestamping unit, OCSP responder).</summary>
    public IEnumerable<Certificate> Signers => Certificates.Where(c => !c.IsCa && !c.IsTrustService);

    public Certificate IssuerOf(Certificate certificate) => Certificates.First(c => c.Subject == certificate.Issuer && c.IsCa);

    public static async Task<SealedEvidence> ReadAsync(byte[] pdf, string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "sealed.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var json = await Tool.RunAsync("qpdf", ["--json=2", "--json-stream-data=inline", "--decode-level=generalized", file]);
        if (json.ExitCode is not (0 or 3)) throw new Xunit.Sdk.XunitException($"qpdf --json: {json.Output}");
        var objects = JsonNode.Parse(json.Stdout)!["qpdf"]![1]!.AsObject();
        JsonNode Resolve(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out var r) && r.EndsWith(" R", StringComparison.Ordinal)
            ? objects["obj:" + r]!["value"] ?? objects["obj:" + r]!
            : node;
        var trailer = objects["trailer"]!["value"]!;
        var root = Resolve(trailer["/Root"]!);
        var dss = Resolve(root["/DSS"] ?? throw new Xunit.Sdk.XunitException("the sealed document has no /DSS"));
        byte[] StreamBytes(JsonNode reference) =>
            Convert.FromBase64String((objects["obj:" + reference.GetValue<string>()]!["stream"]!["data"] ?? throw new Xunit.Sdk.XunitException("stream without data")).GetValue<string>());

        var certificates = new List<Certificate>();
        var i = 0;
        foreach (var reference in Resolve(dss["/Certs"]!).AsArray())
        {
            var path = Path.Combine(folder, $"cert{i++}.der");
            await File.WriteAllBytesAsync(path, StreamBytes(reference!));
            var pem = Path.ChangeExtension(path, ".pem");
            await Tool.RunAsync("openssl", ["x509", "-inform", "DER", "-in", path, "-out", pem]);
            var text = (await Tool.RunAsync("openssl", ["x509", "-in", pem, "-noout", "-nameopt", "RFC2253,-esc_msb", "-subject", "-issuer", "-serial", "-ext", "basicConstraints,extendedKeyUsage"])).Stdout;
            certificates.Add(new Certificate(pem, Field(text, "subject"), Field(text, "issuer"), Field(text, "serial").ToUpperInvariant(),
                text.Contains("CA:TRUE", StringComparison.Ordinal),
                text.Contains("Time Stamping", StringComparison.Ordinal) || text.Contains("OCSP Signing", StringComparison.Ordinal)));
        }
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        i = 0;
        foreach (var reference in (dss["/OCSPs"] is { } ocsps ? Resolve(ocsps).AsArray() : []))
        {
            var path = Path.Combine(folder, $"ocsp{i++}.der");
            await File.WriteAllBytesAsync(path, StreamBytes(reference!));
            var text = (await Tool.RunAsync("openssl", ["ocsp", "-respin", path, "-resp_text", "-noverify"])).Stdout;
            foreach (Match m in OcspEntry().Matches(text)) statuses[m.Groups[1].Value.ToUpperInvariant()] = m.Groups[2].Value;
        }
        return new SealedEvidence(certificates, statuses);
    }

    private static string Field(string text, string name) =>
        Regex.Match(text, $"^{name}=\\s*(.*)$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value.Trim() : "";

    [GeneratedRegex(@"Serial Number: ([0-9A-Fa-f]+)\s+Cert Status: (\w+)")]
    private static partial Regex OcspEntry();
}
