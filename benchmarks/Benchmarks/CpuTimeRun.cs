using System.Diagnostics;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Benchmarks;

/// <summary>
/// <c>cpu-time</c>: the <see cref="AlgorithmFamilyBenchmarks"/> operations timed by this process's CPU time (user +
/// system) instead of wall time, one thread. On a machine whose cores other work keeps busy, wall time measures the
/// queue for a core; CPU time per operation stays close to what the operation costs.
/// </summary>
internal static class CpuTimeRun
{
    public static async Task<int> RunAsync(int signatures, int verifications)
    {
        Console.WriteLine($"family      B-T sign CPU-ms  signs/s per core   verify CPU-ms  verifications/s per core   ({signatures} signs, {verifications} verifications each, after warm-up)");
        foreach (var algorithm in new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Sm2 })
        {
            var bench = new AlgorithmFamilyBenchmarks { Algorithm = algorithm };
            await bench.SetupAsync();
            try
            {
                for (var i = 0; i < 20; i++) await bench.SignBt();
                for (var i = 0; i < 5; i++) await bench.Verify();
                var sign = await CpuMillisecondsPerAsync(signatures, () => bench.SignBt());
                var verify = await CpuMillisecondsPerAsync(verifications, () => bench.Verify());
                Console.WriteLine($"{algorithm,-10}  {sign,14:0.000}  {1000 / sign,16:0}   {verify,13:0.000}  {1000 / verify,24:0}");
            }
            finally
            {
                bench.Cleanup();
            }
        }
        var primitives = new Sm2PrimitiveBenchmarks();
        primitives.Setup();
        try
        {
            Console.WriteLine("bare operation (250-byte message)      CPU-µs   per second per core");
            foreach (var (name, op) in new (string, Func<object>)[]
            {
                ("SM2 sign, BouncyCastle", () => primitives.Sm2SignBouncyCastle()),
                ("SM2 verify, BouncyCastle", () => primitives.Sm2VerifyBouncyCastle()),
                ("ECDSA P-256 sign, .NET (OpenSSL)", () => primitives.EcdsaP256SignDotNet()),
                ("ECDSA P-256 verify, .NET (OpenSSL)", () => primitives.EcdsaP256VerifyDotNet()),
            })
            {
                for (var i = 0; i < 200; i++) op();
                var micro = 1000 * await CpuMillisecondsPerAsync(2000, () => Task.FromResult(op()));
                Console.WriteLine($"{name,-36}  {micro,8:0.0}   {1_000_000 / micro,10:0}");
            }
        }
        finally
        {
            primitives.Cleanup();
        }
        var megabyte = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1 << 20);
        foreach (var hash in new[] { OneThing.Seal.Crypto.Algorithms.DigestAlgorithms.Sm3Name, System.Security.Cryptography.HashAlgorithmName.SHA256 })
        {
            var ms = await CpuMillisecondsPerAsync(100, () => Task.FromResult(OneThing.Seal.Crypto.Algorithms.DigestAlgorithms.Hash(hash, megabyte)));
            Console.WriteLine($"{hash.Name} of 1 MB ({(hash.Name == "SM3" ? "BouncyCastle" : ".NET (OpenSSL)")}){"",-14}  {ms * 1000,8:0.0}   {1000 / ms,10:0.0} MB/s");
        }
        return 0;
    }

    private static async Task<double> CpuMillisecondsPerAsync<T>(int count, Func<Task<T>> operation)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < count; i++) await operation();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / count;
    }
}
