using BenchmarkDotNet.Attributes;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Pki;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Benchmarks;

/// <summary>
/// Verification of a sealed loan contract: rendered by ContractTemplates (sample case, CJK fonts),
/// signed by borrower, co-borrower, loan officer (B-T) and the centre seal, then taken to B-LTA
/// (DSS + document timestamp) with the in-memory product PKI. Each operation is one full offline
/// verification (all checks, revision analysis) against the PKI's root as the trust anchor.
/// </summary>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    private const int PerCore = 64;
    private byte[] _sealed = null!;
    private VerificationRequest _request = null!;
    private PdfSignatureVerifier _verifier = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var pki = ProductPki.CreateInMemory();
        var sample = Path.Combine(RepositoryRoot(), "samples", "deyang-couple-equal-instalment.json");
        var contract = new ContractDocumentRenderer().Render(await ContractCaseJson.LoadAsync(sample), DocumentKinds.LoanContract);
        var signer = new PadesSigner(pki.TimestampClient);
        var pdf = contract.Pdf;
        string[] order = [SignatureRoles.Borrower, SignatureRoles.CoBorrower, SignatureRoles.LoanOfficer, SignatureRoles.CentreSeal];
        foreach (var field in contract.SignatureFields.OrderBy(f => Array.IndexOf(order, f.Role)))
        {
            var key = field.Role switch
            {
                SignatureRoles.LoanOfficer => pki.Officers[0].Key,
                SignatureRoles.CentreSeal => pki.Seals[0].Key,
                _ => (ISigningKey)pki.IssueSignerKey(field.FieldName, "510603199001011231"),
            };
            pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = field.FieldName, Key = key, LockAllFields = field.Role == SignatureRoles.CentreSeal }, CancellationToken.None);
        }
        _sealed = await new LongTermValidation(pki.RevocationSource, pki.TimestampClient).ExtendAsync(pdf, pki.IssuingCa.Chain, CancellationToken.None);
        _request = new VerificationRequest(new TrustAnchors(pki.TrustAnchors));
        _verifier = PdfSignatureVerifier.Create();
        var report = await _verifier.VerifyAsync(_sealed, "sealed.pdf", _request, CancellationToken.None);
        Console.WriteLine($"// sealed contract: {contract.PageCount} pages, {_sealed.Length} bytes, {report.Signatures.Count} signatures/timestamps, "
            + $"{report.Revisions.Count} revisions, verdict {report.Verdict}, levels {string.Join(",", report.Signatures.Select(s => s.Level))}");
        // The GC settings change the all-cores result a lot on this machine (docs/benchmarks.md, Verification): say which ones ran.
        Console.WriteLine($"// GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, "
            + $"DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "(unset)"}, {Environment.ProcessorCount} cores");
        if (Environment.GetEnvironmentVariable("ONETHING_BENCH_DUMP") is { } dump)
        {
            await File.WriteAllBytesAsync(Path.Combine(dump, "sealed-contract.pdf"), _sealed);
            await File.WriteAllTextAsync(Path.Combine(dump, "trust-anchors.pem"), string.Concat(pki.TrustAnchors.Select(c =>
                "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(c.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n")));
        }
        if (report.Verdict != Verdict.Valid)
        {
            throw new InvalidOperationException("the benchmark document must verify as valid: " + string.Join("; ", report.Problems));
        }
    }

    /// <summary>One verification on one thread, with the verifier's certificate/CRL/OCSP signature cache warm (as in the service).</summary>
    [Benchmark(Baseline = true)]
    public Task<VerificationReport> Verify() => _verifier.VerifyAsync(_sealed, "sealed.pdf", _request, CancellationToken.None);

    /// <summary>A fresh verifier each time: every certificate, CRL and OCSP signature checked again.</summary>
    [Benchmark]
    public Task<VerificationReport> VerifyColdCache() => PdfSignatureVerifier.Create().VerifyAsync(_sealed, "sealed.pdf", _request, CancellationToken.None);

    /// <summary>Throughput on all cores: one verification loop per core (ops = verifications).</summary>
    [Benchmark(OperationsPerInvoke = PerCore * 2)]
    public async Task VerifyOnAllCores()
    {
        var loops = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < PerCore * 2 / Environment.ProcessorCount; i++)
            {
                await _verifier.VerifyAsync(_sealed, "sealed.pdf", _request, CancellationToken.None);
            }
        }));
        await Task.WhenAll(loops);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneThing.sln")))
            {
                return dir.FullName;
            }
        }
        return Environment.GetEnvironmentVariable("ONETHING_REPO") ?? throw new InvalidOperationException("run from inside the repository (or set ONETHING_REPO)");
    }
}
