using BenchmarkDotNet.Attributes;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Benchmarks;

/// <summary>
/// Key operations behind each signature: ECDSA P-256 signing in process (.NET/OpenSSL) and inside a
/// SoftHSM2 token (PKCS#11), issuing an applicant's event certificate, and answering OCSP.
/// The SoftHSM token lives in a temp directory made in GlobalSetup (softhsm2 must be installed).
/// </summary>
[MemoryDiagnoser]
public class PkiBenchmarks
{
    private readonly byte[] _data = new byte[1024];
    private ProductPki _pki = null!;
    private InMemoryPrivateKey _memoryKey = null!;
    private SoftHsmBenchToken _token = null!;
    private InMemoryPrivateKey _applicantKey = null!;
    private byte[] _ocspRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pki = ProductPki.CreateInMemory();
        _memoryKey = InMemoryPrivateKey.Generate(KeyAlgorithm.EcdsaP256);
        _applicantKey = InMemoryPrivateKey.Generate(KeyAlgorithm.EcdsaP256);

        _token = new SoftHsmBenchToken("seal");

        var seal = _pki.Seals[0].Key.Certificate;
        var request = new Org.BouncyCastle.Ocsp.OcspReqGenerator();
        request.AddRequest(new Org.BouncyCastle.Ocsp.CertificateID(Org.BouncyCastle.Ocsp.CertificateID.DigestSha1, _pki.IssuingCa.Certificate, seal.SerialNumber));
        _ocspRequest = request.Generate().GetEncoded();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _token.Dispose();
        _pki.Dispose();
        _memoryKey.Dispose();
        _applicantKey.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] EcdsaSignInMemory() => _memoryKey.Sign(_data);

    [Benchmark]
    public byte[] EcdsaSignSoftHsm() => _token.Key.Sign(_data);

    [Benchmark]
    public Org.BouncyCastle.X509.X509Certificate IssueApplicantCertificate() =>
        _pki.IssueSignerCertificate("张三", "11010519491231002X", _applicantKey.PublicKey);

    [Benchmark]
    public byte[] OcspRespond() => _pki.OcspResponder.Respond(_ocspRequest);
}
