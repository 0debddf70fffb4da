using System.Diagnostics;
using System.Globalization;
using OneThing.LoadDriver;

// Drives a running SigningApi (embedded mode) with concurrent applicants; starts nothing itself.
// usage: LoadDriver <base-url> <sample-case.json> [signers=50] [cases=50] [time-limit-seconds=300]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LoadDriver <base-url> <sample-case.json> [signers=50] [cases=50] [time-limit-seconds=300]");
    return 2;
}
var baseUrl = new Uri(args[0]);
var sample = await File.ReadAllTextAsync(args[1]);
var signers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var cases = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
var limit = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 300);

using var cts = new CancellationTokenSource(limit);
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
var client = new ServiceClient(http);
var stats = new LoadStatistics();
var run = new CaseRun(client, sample, stats);

// Each case has two applicants signing in parallel, so signers/2 cases run at once.
var workers = Math.Max(1, signers / 2);
var next = 0;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
{
    while (!cts.IsCancellationRequested && Interlocked.Increment(ref next) <= cases)
    {
        try
        {
            await run.RunAsync(next, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            stats.Failure(e.Message);
        }
    }
}));
clock.Stop();
stats.Report(Console.Out, workers * 2, clock.Elapsed, cts.IsCancellationRequested);
return stats.Failures > 0 ? 1 : 0;
