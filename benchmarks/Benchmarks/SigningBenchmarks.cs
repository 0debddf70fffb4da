using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.Fields;

namespace OneThing.Benchmarks;

/// <summary>
/// PAdES B-T signing of the rendered sample loan contract (11 A4 pages with the full repayment
/// schedule) into its Borrower field with in-process ECDSA P-256 keys and the built-in TSA (whose
/// replies are checked like an external one's). One operation = one complete signed PDF. The part
/// benchmarks split the time: structure + revision + hash, key signature, timestamp. SignBtWithSoftHsmKey
/// signs with a key held in a SoftHSM2 token (softhsm2 must be installed).
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private const int PerCore = 64;
    private ProductPki _pki = null!;
    private byte[] _contract = null!;
    private PdfDocumentReader _parsed = null!;
    private PadesSigner _signer = null!;
    private SignatureRequest _request = null!;
    private byte[] _signedAttributes = null!;
    private SoftHsmBenchToken _token = null!;
    private SignatureRequest _hsmRequest = null!;
    private SignatureRequest _visibleRequest = null!;
    private byte[] _handwriting = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _pki = ProductPki.CreateInMemory();
        var sample = Path.Combine(RepositoryRoot(), "samples", "deyang-couple-equal-instalment.json");
        var contract = new ContractDocumentRenderer().Render(await ContractCaseJson.LoadAsync(sample), DocumentKinds.LoanContract);
        _contract = contract.Pdf;
        _parsed = PdfDocumentReader.Open(_contract);
        _signer = new PadesSigner(_pki.TimestampClient);
        _request = new SignatureRequest { FieldName = "Borrower", Key = _pki.IssueSignerKey("张三", "510603199001011231") };
        _handwriting = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot(), "samples", "handwriting", "borrower.png"));
        _visibleRequest = _request with { Appearance = new HandwrittenSignatureAppearance(_handwriting, "借款人 王建国") };
        _signedAttributes = SignedAttributes.ToSign(SignedAttributes.Build(new byte[32], _request.Key.Certificate));
        _token = new SoftHsmBenchToken("seal");
        var sealCertificate = _pki.IssuingCa.Issue(CertificateProfiles.CentreSeal, SubjectNames.CentreSeal("德阳市住房公积金管理中心", "5106000000009"), _token.Key.PublicKey);
        _hsmRequest = new SignatureRequest { FieldName = "CentreSeal", Key = new CertifiedSigningKey(_token.Key, sealCertificate, _pki.IssuingCa.Chain) };
        var signed = await SignBt();
        var visible = await SignBtVisible();
        Console.WriteLine($"// contract: {contract.PageCount} pages, {_contract.Length} bytes; signed: {signed.Length} bytes; visibly signed: {visible.Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _token.Dispose();
        _pki.Dispose();
    }

    /// <summary>One B-T signature, document structure already parsed (as a signing service keeps it per document).</summary>
    [Benchmark(Baseline = true)]
    public Task<byte[]> SignBt() => _signer.SignAsync(_parsed, _request, CancellationToken.None);

    /// <summary>One visible B-T signature: the applicant's handwriting, name and time drawn into the field (CJK glyphs embedded).</summary>
    [Benchmark]
    public Task<byte[]> SignBtVisible() => _signer.SignAsync(_parsed, _visibleRequest, CancellationToken.None);

    /// <summary>
    /// What one applicant's sign request does: a new appearance from the uploaded pad PNG (600×220 RGBA),
    /// then a visible B-T signature in each of a case's three documents (here the same contract three times).
    /// </summary>
    [Benchmark]
    public async Task<byte[]> SignBtVisibleThreeDocuments()
    {
        var request = _request with { Appearance = new HandwrittenSignatureAppearance(_handwriting, "借款人 王建国") };
        byte[] signed = [];
        for (var document = 0; document < 3; document++)
        {
            signed = await _signer.SignAsync(_parsed, request, CancellationToken.None);
        }
        return signed;
    }

    /// <summary>One B-T signature starting from the PDF bytes (xref, catalog and fields parsed each time).</summary>
    [Benchmark]
    public Task<byte[]> SignBtFromBytes() => _signer.SignAsync(_contract, _request, CancellationToken.None);

    /// <summary>One B-T signature whose key stays inside a SoftHSM2 token (PKCS#11), as the centre seal does in production.</summary>
    [Benchmark]
    public Task<byte[]> SignBtWithSoftHsmKey() => _signer.SignAsync(_parsed, _hsmRequest, CancellationToken.None);

    /// <summary>Throughput on all cores (ops = signatures).</summary>
    [Benchmark(OperationsPerInvoke = PerCore * 2)]
    public async Task SignBtOnAllCores()
    {
        var loops = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < PerCore * 2 / Environment.ProcessorCount; i++)
            {
                await _signer.SignAsync(_parsed, _request, CancellationToken.None);
            }
        }));
        await Task.WhenAll(loops);
    }

    /// <summary>Part: find the field, write the placeholder revision, patch /ByteRange, SHA-256 of the ranges.</summary>
    [Benchmark]
    public byte[] PartRevisionAndDigest()
    {
        var field = FieldToSign.Find(_parsed, "Borrower");
        var slot = SignatureRevisionBuilder.Build(_parsed, field, new SignatureRevisionSpec(PadesSubFilters.CadesDetached, DateTimeOffset.UtcNow, 10_240, Certify: true));
        return slot.ComputeDigest();
    }

    /// <summary>Part: the signer's ECDSA signature over the signed attributes.</summary>
    [Benchmark]
    public ValueTask<byte[]> PartKeySignature() => _request.Key.SignAsync(_signedAttributes, CancellationToken.None);

    /// <summary>Part: an RFC 3161 token from the built-in TSA, reply checked.</summary>
    [Benchmark]
    public Task<Org.BouncyCastle.Tsp.TimeStampToken> PartTimestamp() => _pki.TimestampClient.GetTokenAsync(new byte[32], CancellationToken.None);

    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OneThing.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return Environment.GetEnvironmentVariable("ONETHING_REPO") ?? throw new InvalidOperationException("run from inside the repository (or set ONETHING_REPO)");
    }
}
