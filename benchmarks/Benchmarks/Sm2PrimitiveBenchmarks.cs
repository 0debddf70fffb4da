using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OneThing.Seal.Crypto.Signatures;
using OneThing.Seal.Pki.Keys;
using Org.BouncyCastle.Crypto.Parameters;

namespace OneThing.Benchmarks;

/// <summary>
/// The bare signature operations under the B-T figures of <see cref="AlgorithmFamilyBenchmarks"/>: one SM2 sign and
/// verify with SM3 and the GM/T 0009 ID over a 250-byte message (the size of a CMS's signed attributes) on
/// BouncyCastle's managed code, next to ECDSA P-256 with SHA-256 on .NET (OpenSSL). Shows how much of an SM2 signature's
/// time is the SM2 arithmetic, i.e. what moving it to OpenSSL could save (<c>openssl speed sm2</c> is the other side).
/// </summary>
[MemoryDiagnoser]
public class Sm2PrimitiveBenchmarks
{
    private readonly byte[] _message = RandomNumberGenerator.GetBytes(250);
    private InMemoryPrivateKey _sm2 = null!;
    private ECPublicKeyParameters _sm2Public = null!;
    private byte[] _sm2Signature = null!;
    private ECDsa _ecdsa = null!;
    private byte[] _ecdsaSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sm2 = InMemoryPrivateKey.Generate(KeyAlgorithm.Sm2);
        _sm2Public = (ECPublicKeyParameters)_sm2.PublicKey;
        _sm2Signature = _sm2.Sign(_message);
        _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _ecdsaSignature = _ecdsa.SignData(_message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (!Sm2Signatures.Verify(_sm2Public, _message, _sm2Signature)) throw new InvalidOperationException("SM2 signature does not verify");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sm2.Dispose();
        _ecdsa.Dispose();
    }

    [Benchmark]
    public byte[] Sm2SignBouncyCastle() => _sm2.Sign(_message);

    [Benchmark]
    public bool Sm2VerifyBouncyCastle() => Sm2Signatures.Verify(_sm2Public, _message, _sm2Signature);

    [Benchmark(Baseline = true)]
    public byte[] EcdsaP256SignDotNet() => _ecdsa.SignData(_message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    [Benchmark]
    public bool EcdsaP256VerifyDotNet() => _ecdsa.VerifyData(_message, _ecdsaSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
}
