using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;

namespace OneThing.Benchmarks;

/// <summary>
/// Key operations behind each signature: ECDSA P-256 signing in process (.NET/OpenSSL) and inside a
/// SoftHSM2 token (PKCS#11), issuing an applicant's event certificate, and answering OCSP.
/// The SoftHSM token lives in a temp directory made in GlobalSetup (softhsm2 must be installed).
/// </summary>
[MemoryDiagnoser]
public class PkiBenchmarks
{
    private const string SoftHsm = "/usr/lib/softhsm/libsofthsm2.so";
    private readonly byte[] _data = new byte[1024];
    private ProductPki _pki = null!;
    private InMemoryPrivateKey _memoryKey = null!;
    private Pkcs11Module _module = null!;
    private Pkcs11PrivateKey _tokenKey = null!;
    private InMemoryPrivateKey _applicantKey = null!;
    private byte[] _ocspRequest = null!;
    private string _tokenDirectory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pki = ProductPki.CreateInMemory();
        _memoryKey = InMemoryPrivateKey.Generate(KeyAlgorithm.EcdsaP256);
        _applicantKey = InMemoryPrivateKey.Generate(KeyAlgorithm.EcdsaP256);

        _tokenDirectory = Directory.CreateTempSubdirectory("onething-bench-softhsm-").FullName;
        var config = Path.Combine(_tokenDirectory, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {_tokenDirectory}\nobjectstore.backend = file\nlog.level = ERROR\n");
        // SoftHSM reads SOFTHSM2_CONF from the native environment when the module initialises.
        _ = SetEnv("SOFTHSM2_CONF", config, 1);
        var init = Process.Start(new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", "bench", "--pin", "1234", "--so-pin", "5678"])
        {
            Environment = { ["SOFTHSM2_CONF"] = config },
            RedirectStandardOutput = true,
        })!;
        init.WaitForExit();
        _module = Pkcs11Module.Load(SoftHsm);
        _tokenKey = _module.GetToken("bench", "1234").GenerateKeyPair("seal", KeyAlgorithm.EcdsaP256);

        var seal = _pki.Seals[0].Key.Certificate;
        var request = new Org.BouncyCastle.Ocsp.OcspReqGenerator();
        request.AddRequest(new Org.BouncyCastle.Ocsp.CertificateID(Org.BouncyCastle.Ocsp.CertificateID.DigestSha1, _pki.IssuingCa.Certificate, seal.SerialNumber));
        _ocspRequest = request.Generate().GetEncoded();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _module.Dispose();
        _pki.Dispose();
        _memoryKey.Dispose();
        _applicantKey.Dispose();
        Directory.Delete(_tokenDirectory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public byte[] EcdsaSignInMemory() => _memoryKey.Sign(_data);

    [Benchmark]
    public byte[] EcdsaSignSoftHsm() => _tokenKey.Sign(_data);

    [Benchmark]
    public Org.BouncyCastle.X509.X509Certificate IssueApplicantCertificate() =>
        _pki.IssueSignerCertificate("张三", "11010519491231002X", _applicantKey.PublicKey);

    [Benchmark]
    public byte[] OcspRespond() => _pki.OcspResponder.Respond(_ocspRequest);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
