using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Core.Entities;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// benchmarks/LoadDriver runs full cases through the proxy of a two-instance cluster, retrying what a
/// client retries with the same Idempotency-Key, while an instance is killed or PostgreSQL restarts.
/// Counted afterwards from the database, not from the driver's view: every case Completed with one
/// transition per state, the audit chain intact, every committed document still readable; and from a
/// Node.js amqplib subscriber outside the cluster (<see cref="ForeignSubscriber"/>): every committed event received.
/// </summary>
[Trait("Category", "ClusterProxy")]
[Trait("Category", "ClusterLoad")]
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterLoadTests(PublishedService app)
{
    /// <summary>The issue's minimum for the kill -9 run.</summary>
    private const int Cases = 60;

    /// <summary>The PostgreSQL restart needs a run around it, not a long one: a short smoke keeps CI inside its budget.</summary>
    private const int RestartCases = 30;

    [Fact]
    public async Task Kill_9_of_one_instance_during_a_load_run_of_60_cases_leaves_every_case_Completed_exactly_once_with_only_retried_errors()
    {
        await using var cluster = await LocalCluster.StartAsync(app, 2, Settings);
        await using var subscriber = await ForeignSubscriber.StartAsync(cluster);
        var run = StartLoad(cluster.Url, Cases);

        // Mid-run: once a sixth of the cases are sealed, the second instance dies without warning.
        await WaitForSealsAsync(cluster, Cases / 6, run);
        cluster.Kill(1);
        var killedAt = DateTimeOffset.UtcNow;
        var result = await run;

        await AssertRunAsync(cluster, result, Cases);
        await ForeignSubscriber.AssertReceivedEveryEventOnceAsync(cluster, subscriber, Cases);
        await AssertNoOrphansAsync(cluster, killedAt);
        // The proxy saw the death (a refused or reset connection to the killed instance) and moved on.
        Assert.Contains(cluster.ProxyLog(), r => r.Upstreams.Count > 1 || r.Status == 502);
    }

    [Fact]
    public async Task PostgreSQL_restarted_during_a_load_run_is_survived_by_the_instances_without_a_restart_and_loses_no_acknowledged_commit()
    {
        // A PostgreSQL of this test's own: the one test.sh started serves the other test projects meanwhile.
        var runDir = Path.Combine(Path.GetTempPath(), "onething-cluster-tests", "pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(runDir);
        var started = await Tool.RunAsync("bash", [Path.Combine(Driver.RepositoryRoot(), "scripts", "services", "start-postgres.sh")], new Dictionary<string, string?> { ["ONETHING_RUN_DIR"] = runDir });
        if (started.ExitCode != 0) throw new Xunit.Sdk.XunitException($"start-postgres.sh: {started.Stderr}");
        var connection = ExportValue().Match(started.Stdout).Groups[1].Value;
        try
        {
            await using var cluster = await LocalCluster.StartAsync(app, 2, Settings, postgres: connection);
            await using var subscriber = await ForeignSubscriber.StartAsync(cluster);
            var pids = cluster.Instances.Select((_, i) => cluster.Pid(i)).ToArray();
            var run = StartLoad(cluster.Url, RestartCases);
            await WaitForSealsAsync(cluster, RestartCases / 6, run);
            var data = Directory.GetDirectories(runDir, "postgres-*").Single();
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
            // -l: the restarted server logs to its file. Without it the new postmaster keeps this test's
            // stdout pipe open and the wait for pg_ctl's output never ends.
            var restart = await Tool.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "bin", "pg_ctl"), "-D", Path.Combine(data, "data"), "-l", Path.Combine(data, "server.log"), "-m", "fast", "-w", "restart"],
                directory: data, timeout: TimeSpan.FromMinutes(1));
            Assert.True(restart.ExitCode == 0, $"pg_ctl restart: {restart.Output}");
            var result = await run;

            await AssertRunAsync(cluster, result, RestartCases);
            await ForeignSubscriber.AssertReceivedEveryEventOnceAsync(cluster, subscriber, RestartCases);
            // The same processes served the whole run.
            Assert.Equal(pids, cluster.Instances.Select((_, i) => cluster.Pid(i)));
            Assert.All(pids, pid => Assert.False(System.Diagnostics.Process.GetProcessById(pid).HasExited));
        }
        finally
        {
            await Tool.RunAsync("bash", [Path.Combine(runDir, "postgres.stop")]);
        }
    }

    /// <summary>
    /// Fast simulated registry and bank; the document sweeper at its shortest (a one-minute grace, a turn
    /// every 10 s) so the objects a killed instance wrote without committing are swept within the test.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>(ClusterCaseTests.FastWorkflow)
    {
        ["DocumentStore:Sweeper:GracePeriod"] = "00:01:00",
        ["DocumentStore:Sweeper:Interval"] = "00:00:10",
    };

    private static readonly TimeSpan SweepGrace = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The sweeper leaves no orphan: once it has had a turn past the grace period of everything written
    /// before and just after the kill, every object in the bucket older than the grace period is a revision
    /// the catalog committed (the objects a dead instance wrote without committing are gone).
    /// </summary>
    private static async Task AssertNoOrphansAsync(LocalCluster cluster, DateTimeOffset killedAt)
    {
        var sweptUpTo = DateTimeOffset.UtcNow > killedAt + SweepGrace ? DateTimeOffset.UtcNow - SweepGrace : killedAt;
        var wait = sweptUpTo + SweepGrace + 2 * SweepInterval + TimeSpan.FromSeconds(5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var committed = (await ClusterDatabase.QueryAsync(cluster.Database, db =>
            db.Set<OneThing.Storage.Catalog.StoredRevisionRecord>().Select(r => r.ObjectKey).ToListAsync())).ToHashSet(StringComparer.Ordinal);
        var stored = await ClusterBucket.ListAsync(cluster.Bucket);
        Assert.True(stored.Count >= Cases * 4, $"{stored.Count} objects in the bucket for {Cases} completed cases");
        var orphans = stored.Where(o => !committed.Contains(o.Key) && o.LastModified < sweptUpTo).ToList();
        Assert.True(orphans.Count == 0, $"{orphans.Count} uncommitted objects older than the sweeper's grace are still stored: {string.Join(", ", orphans.Take(5).Select(o => $"{o.Key} ({o.LastModified:O})"))}");
        Assert.All(committed, key => Assert.Contains(stored, o => o.Key == key));
    }

    private static Task<Tool.Result> StartLoad(Uri url, int cases)
    {
        var root = Driver.RepositoryRoot();
        var driver = Directory.GetFiles(Path.Combine(root, "benchmarks", "LoadDriver", "bin"), "OneThing.LoadDriver.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException("benchmarks/LoadDriver is not built (test.sh builds the solution)");
        // 8 signers = 4 cases at once, no think time, at most 8 minutes.
        return Tool.RunAsync("nice", ["-n", "10", "dotnet", driver, url.ToString(), Path.Combine(root, "samples", "deyang-couple-equal-instalment.json"), "8", cases.ToString(System.Globalization.CultureInfo.InvariantCulture), "480"],
            timeout: TimeSpan.FromMinutes(9));
    }

    private static async Task WaitForSealsAsync(LocalCluster cluster, int seals, Task<Tool.Result> run)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (cluster.ProxyLog().Count(r => r.Path.EndsWith("/seal", StringComparison.Ordinal) && r.Status == 200) < seals)
        {
            if (run.IsCompleted) throw new Xunit.Sdk.XunitException($"the load run ended before {seals} cases were sealed: {(await run).Output}");
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"fewer than {seals} cases sealed within 5 minutes");
            await Task.Delay(500);
        }
    }

    private static async Task AssertRunAsync(LocalCluster cluster, Tool.Result result, int cases)
    {
        // The driver saw no failed case: every error it met was a retriable one that succeeded on retry.
        Assert.True(result.ExitCode == 0, $"LoadDriver exited {result.ExitCode}:{Environment.NewLine}{result.Output}{Environment.NewLine}Logged failures:{Environment.NewLine}{cluster.Failures()}");
        Assert.Matches(@$"full cases completed\s+{cases}\b", result.Stdout);
        Assert.Matches(@"failed cases\s+0\b", result.Stdout);

        // Counted in the database: every case Completed, one transition per state.
        var statuses = await ClusterDatabase.WaitForAllCompletedAsync(cluster.Database, cases, TimeSpan.FromMinutes(3));
        Assert.True(cases == statuses.Count, $"{statuses.Count} cases for {cases} intakes: {string.Join(", ", statuses.Keys.Order(StringComparer.Ordinal))}");
        Assert.All(statuses, s => Assert.Equal(CaseStatus.Completed, s.Value));
        var transitions = await ClusterDatabase.TransitionsAsync(cluster.Database);
        Assert.All(transitions, c => Assert.All(c.Value, t => Assert.True(t.Value == 1, $"{c.Key}: {t.Value} transitions to {t.Key}")));

        var driver = new Driver(cluster.Client, cluster.RecentLogs);
        var auditor = await driver.AsAsync("auditor");
        var report = await auditor.GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);

        // Nothing committed was removed: every document of every case is still in the store, whole (the
        // store checks each object's SHA-256 against the catalog on read). A Completed case has four: the
        // three contracts and the sealed evidence report (签署证据报告) added on completion.
        var documents = await ClusterDatabase.QueryAsync(cluster.Database, db => Task.FromResult(db.Set<CaseDocument>().Select(d => new { d.CaseId, d.Kind }).ToList()));
        Assert.All(documents.GroupBy(d => d.CaseId), g => Assert.Equal(
            ["deduction-authorization", "evidence-report", "loan-contract", "mortgage-contract"], g.Select(d => d.Kind).Order(StringComparer.Ordinal)));
        Assert.Equal(cases * 4, documents.Count);
        foreach (var d in documents)
        {
            using var response = await auditor.GetAsync($"/api/v1/cases/{d.CaseId}/documents/{d.Kind}");
            Assert.True(response.IsSuccessStatusCode, $"case {d.CaseId} {d.Kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GeneratedRegex(@"export ONETHING_POSTGRES_CONNECTION='([^']*)'")]
    private static partial Regex ExportValue();
}
