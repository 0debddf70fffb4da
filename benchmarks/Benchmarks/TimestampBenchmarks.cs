using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.Benchmarks;

/// <summary>
/// RFC 3161 tokens from the built-in authority: <c>Respond</c> is the server side (parse, sign, encode),
/// <c>InProcessClient</c> what a B-T signature pays (request, respond, full reply validation).
/// </summary>
[MemoryDiagnoser]
public class TimestampBenchmarks
{
    private ProductPki _pki = null!;
    private byte[] _requestDer = null!;
    private readonly byte[] _imprint = SHA256.HashData("signature value"u8);

    [Params(KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048)]
    public KeyAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pki = ProductPki.CreateInMemory(new PkiOptions { KeyAlgorithm = Algorithm });
        _requestDer = TimestampRequestFactory.Create(_imprint).GetEncoded();
    }

    [GlobalCleanup]
    public void Cleanup() => _pki.Dispose();

    [Benchmark]
    public byte[] Respond() => _pki.TimestampAuthority.Respond(_requestDer);

    [Benchmark]
    public Task<Org.BouncyCastle.Tsp.TimeStampToken> InProcessClient() => _pki.TimestampClient.GetTokenAsync(_imprint, CancellationToken.None);

    /// <summary>Eight concurrent clients: time per token with both cores busy.</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public Task InProcessClientParallel() => Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 8 },
        async (_, ct) => await _pki.TimestampClient.GetTokenAsync(_imprint, ct));
}
