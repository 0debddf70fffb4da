using BenchmarkDotNet.Attributes;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Benchmarks;

/// <summary>
/// The two algorithm families side by side on the rendered sample loan contract: one B-T signature into the
/// Borrower field (key signature, SM3 or SHA-256 of the ranges, timestamp from the family's own TSA, CMS), and
/// one offline verification of the contract sealed to B-LTA with that family's PKI. SM2 runs on BouncyCastle's
/// managed code; ECDSA on .NET (OpenSSL).
/// </summary>
[MemoryDiagnoser]
public class AlgorithmFamilyBenchmarks
{
    private ProductPki _pki = null!;
    private PdfDocumentReader _parsed = null!;
    private PadesSigner _signer = null!;
    private SignatureRequest _request = null!;
    private byte[] _sealed = null!;
    private VerificationRequest _verification = null!;
    private PdfSignatureVerifier _verifier = null!;

    [Params(KeyAlgorithm.EcdsaP256, KeyAlgorithm.Sm2)]
    public KeyAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _pki = ProductPki.CreateInMemory(new PkiOptions { KeyAlgorithm = Algorithm });
        var sample = Path.Combine(RepositoryRoot(), "samples", "deyang-couple-equal-instalment.json");
        var contract = new ContractDocumentRenderer().Render(await ContractCaseJson.LoadAsync(sample), DocumentKinds.LoanContract);
        _parsed = PdfDocumentReader.Open(contract.Pdf);
        _signer = new PadesSigner(_pki.TimestampClient);
        _request = new SignatureRequest { FieldName = "Borrower", Key = _pki.IssueSignerKey("张三", "510603199001011231") };

        var pdf = contract.Pdf;
        string[] order = [SignatureRoles.Borrower, SignatureRoles.CoBorrower, SignatureRoles.LoanOfficer, SignatureRoles.CentreSeal];
        foreach (var field in contract.SignatureFields.OrderBy(f => Array.IndexOf(order, f.Role)))
        {
            var key = field.Role switch
            {
                SignatureRoles.LoanOfficer => _pki.Officers[0].Key,
                SignatureRoles.CentreSeal => _pki.Seals[0].Key,
                _ => (ISigningKey)_pki.IssueSignerKey(field.FieldName, "510603199001011231"),
            };
            pdf = await _signer.SignAsync(pdf, new SignatureRequest { FieldName = field.FieldName, Key = key, LockAllFields = field.Role == SignatureRoles.CentreSeal }, CancellationToken.None);
        }
        _sealed = await LongTermValidation.For(_pki).ExtendAsync(pdf, _pki.IssuingCa.Chain, CancellationToken.None);
        _verification = new VerificationRequest(new TrustAnchors(_pki.TrustAnchors));
        _verifier = PdfSignatureVerifier.Create();
        var report = await Verify();
        if (report.Verdict != Verdict.Valid)
        {
            throw new InvalidOperationException("the benchmark document must verify as valid: " + string.Join("; ", report.Problems));
        }
        Console.WriteLine($"// {Algorithm}: sealed contract {_sealed.Length} bytes, {report.Signatures.Count} signatures/timestamps, algorithm {report.Signatures[0].SignatureAlgorithm}");
    }

    [GlobalCleanup]
    public void Cleanup() => _pki.Dispose();

    /// <summary>One B-T signature on one thread, document structure already parsed.</summary>
    [Benchmark]
    public Task<byte[]> SignBt() => _signer.SignAsync(_parsed, _request, CancellationToken.None);

    /// <summary>One offline verification of the sealed B-LTA contract on one thread, verifier caches warm.</summary>
    [Benchmark]
    public Task<VerificationReport> Verify() => _verifier.VerifyAsync(_sealed, "sealed.pdf", _verification, CancellationToken.None);

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
