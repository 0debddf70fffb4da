using System.Diagnostics;
using System.Globalization;
using OneThing.LoadDriver;

// Drives a running SigningApi (embedded mode) with concurrent applicants; starts nothing itself.
// <base-url> is one instance or the cluster's proxy (scripts/cluster/up.sh: "$ONETHING_CLUSTER_URL"), where
// retriable errors (an instance killed, a database restart) are retried with the same Idempotency-Key.
// usage: LoadDriver <base-url> <sample-case.json> [signers=50] [cases=50] [time-limit-seconds=300] [warm-up-cases=0] [think-ms=0] [pacing=random|lockstep]
// The applicants draw handwriting/borrower.png from the sample's folder.
// Warm-up cases run first (same concurrency) and are not counted: a fresh process spends its first
// cases in the JIT. Think time is a person's pause before each step (reading, drawing); 0 means every
// signer fires its next request at once, i.e. the service runs saturated. With a think time, pacing
// "random" (the default) varies each pause from 0.5 to 1.5 times it and staggers the workers' starts,
// as independent people would; "lockstep" keeps every signer in step (all press sign together).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LoadDriver <base-url> <sample-case.json> [signers=50] [cases=50] [time-limit-seconds=300] [warm-up-cases=0] [think-ms=0] [pacing=random|lockstep]");
    return 2;
}
var baseUrl = new Uri(args[0]);
var sample = await File.ReadAllTextAsync(args[1]);
// The pad images shipped with the samples (600×220 RGBA, as the signing page produces them).
var handwriting = await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[1]))!, "handwriting", "borrower.png"));
var signers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var cases = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
var limit = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 300);
var warmUp = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
var think = TimeSpan.FromMilliseconds(args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 0);
var mode = PacingMode.Random;
if (args.Length > 7 && !Pacing.TryParseMode(args[7], out mode))
{
    Console.Error.WriteLine($"pacing must be random or lockstep, not '{args[7]}'");
    return 2;
}
var pacing = new Pacing(think, mode);

using var cts = new CancellationTokenSource(limit);
// The identity check hands each applicant a session cookie scoped to their link's path, which the code step
// must return. One cookie jar serves every simulated applicant, so it must hold one cookie per applicant of
// the run: the default jar keeps 20 per host and then drops the oldest, failing the code step of later cases.
using var handler = new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer(1_000_000, 1_000_000, 4096) };
using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
var client = new ServiceClient(http);
// Each case has two applicants signing in parallel, so signers/2 cases run at once.
var workers = Math.Max(1, signers / 2);

if (warmUp > 0)
{
    var warmStats = new LoadStatistics();
    await RunCasesAsync(new CaseRun(client, sample, handwriting, warmStats, pacing, "W"), warmStats, warmUp);
    Console.WriteLine($"warm-up                 {warmUp} cases, {warmStats.Failures} failed");
}

var stats = new LoadStatistics();
var clock = Stopwatch.StartNew();
await RunCasesAsync(new CaseRun(client, sample, handwriting, stats, pacing, "M"), stats, cases);
clock.Stop();
stats.Report(Console.Out, workers * 2, pacing, clock.Elapsed, cts.IsCancellationRequested);
Console.WriteLine($"retried errors          {client.Retried.Total}{(client.Retried.Total > 0 ? " (same Idempotency-Key on each retry)" : "")}");
foreach (var (kind, n) in client.Retried.ByKind.OrderByDescending(p => p.Value)) Console.WriteLine($"  {n,5} {kind}");
return stats.Failures > 0 ? 1 : 0;

Task RunCasesAsync(CaseRun run, LoadStatistics into, int count)
{
    var next = 0;
    return Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
    {
        // Each worker claims its own case number; reading the shared counter again would let two
        // workers run the same case.
        int index;
        try
        {
            await pacing.StaggerAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return;
        }
        while (!cts.IsCancellationRequested && (index = Interlocked.Increment(ref next)) <= count)
        {
            try
            {
                await run.RunAsync(index, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                into.Failure(e.Message);
            }
        }
    }));
}
