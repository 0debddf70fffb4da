using System.Collections.Concurrent;

namespace OneThing.LoadDriver;

/// <summary>Latencies of the sign requests and the count of completed and failed cases.</summary>
public sealed class LoadStatistics
{
    private readonly ConcurrentBag<double> _signMs = [];
    private readonly ConcurrentBag<double> _caseMs = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private int _failures;
    private int _retries;

    public int Failures => _failures;

    public void Sign(TimeSpan elapsed) => _signMs.Add(elapsed.TotalMilliseconds);
    public void Retry() => Interlocked.Increment(ref _retries);
    public void CaseDone(TimeSpan elapsed) => _caseMs.Add(elapsed.TotalMilliseconds);

    public void Failure(string message)
    {
        Interlocked.Increment(ref _failures);
        if (_errors.Count < 5) _errors.Enqueue(message);
    }

    public void Report(TextWriter output, int signers, Pacing pacing, TimeSpan elapsed, bool timedOut)
    {
        var sign = _signMs.Order().ToArray();
        var whole = _caseMs.Order().ToArray();
        output.WriteLine($"concurrent signers      {signers}");
        output.WriteLine($"think time per step     {pacing.Think.TotalMilliseconds:F0} ms{(pacing.Think > TimeSpan.Zero ? $" ({pacing.Mode.ToString().ToLowerInvariant()} pacing)" : "")}");
        output.WriteLine($"wall time               {elapsed.TotalSeconds:F1} s{(timedOut ? " (time limit reached)" : "")}");
        output.WriteLine($"sign requests           {sign.Length}");
        output.WriteLine($"  of which 409 retried  {_retries} (concurrent-change: the co-signer's revision landed first)");
        output.WriteLine($"sign p50 / p99 / max    {Percentile(sign, 0.50):F0} / {Percentile(sign, 0.99):F0} / {(sign.Length > 0 ? sign[^1] : 0):F0} ms");
        output.WriteLine($"sign p90                {Percentile(sign, 0.90):F0} ms");
        output.WriteLine($"full cases completed    {whole.Length} (intake → 2 signers → countersign → seal)");
        output.WriteLine($"full case p50           {Percentile(whole, 0.50) / 1000:F1} s");
        output.WriteLine($"cases per second        {whole.Length / elapsed.TotalSeconds:F2}");
        output.WriteLine($"failed cases            {_failures}");
        foreach (var e in _errors) output.WriteLine("  error: " + e);
    }

    // Nearest-rank percentile.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
