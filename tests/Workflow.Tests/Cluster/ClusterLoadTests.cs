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
/// transition per state, the audit chain intact, every committed document still readable.
/// </summary>
// Not yet passing (docs/testing note in README): excluded from test.sh until fixed; run with --filter Category=ClusterProxy.
[Trait("Category", "ClusterProxy")]
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterLoadTests(PublishedService app)
{
    private const int Cases = 60;

    [Fact]
    public async Task Kill_9_of_one_instance_during_a_load_run_of_60_cases_leaves_every_case_Completed_exactly_once_with_only_retried_errors()
    {
        await using var cluster = await LocalCluster.StartAsync(app, 2, ClusterCaseTests.FastWorkflow);
        var run = StartLoad(cluster.Url);

        // Mid-run: once a sixth of the cases are sealed, the second instance dies without warning.
        await WaitForSealsAsync(cluster, Cases / 6, run);
        cluster.Kill(1);
        var result = await run;

        await AssertRunAsync(cluster, result);
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
            await using var cluster = await LocalCluster.StartAsync(app, 2, ClusterCaseTests.FastWorkflow, postgres: connection);
            var pids = cluster.Instances.Select((_, i) => cluster.Pid(i)).ToArray();
            var run = StartLoad(cluster.Url);
            await WaitForSealsAsync(cluster, Cases / 6, run);
            var data = Directory.GetDirectories(runDir, "postgres-*").Single();
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
            var restart = await Tool.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "bin", "pg_ctl"), "-D", Path.Combine(data, "data"), "-m", "fast", "-w", "restart"],
                directory: data);
            Assert.True(restart.ExitCode == 0, $"pg_ctl restart: {restart.Output}");
            var result = await run;

            await AssertRunAsync(cluster, result);
            // The same processes served the whole run.
            Assert.Equal(pids, cluster.Instances.Select((_, i) => cluster.Pid(i)));
            Assert.All(pids, pid => Assert.False(System.Diagnostics.Process.GetProcessById(pid).HasExited));
        }
        finally
        {
            await Tool.RunAsync("bash", [Path.Combine(runDir, "postgres.stop")]);
        }
    }

    private static Task<Tool.Result> StartLoad(Uri url)
    {
        var root = Driver.RepositoryRoot();
        var driver = Directory.GetFiles(Path.Combine(root, "benchmarks", "LoadDriver", "bin"), "OneThing.LoadDriver.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException("benchmarks/LoadDriver is not built (test.sh builds the solution)");
        // 8 signers = 4 cases at once, no think time, 60 cases, at most 8 minutes.
        return Tool.RunAsync("nice", ["-n", "10", "dotnet", driver, url.ToString(), Path.Combine(root, "samples", "deyang-couple-equal-instalment.json"), "8", Cases.ToString(System.Globalization.CultureInfo.InvariantCulture), "480"],
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

    private static async Task AssertRunAsync(LocalCluster cluster, Tool.Result result)
    {
        // The driver saw no failed case: every error it met was a retriable one that succeeded on retry.
        Assert.True(result.ExitCode == 0, $"LoadDriver exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
        Assert.Matches(@$"full cases completed\s+{Cases}\b", result.Stdout);
        Assert.Matches(@"failed cases\s+0\b", result.Stdout);

        // Counted in the database: every case Completed, one transition per state.
        var statuses = await ClusterDatabase.WaitForAllCompletedAsync(cluster.Database, Cases, TimeSpan.FromMinutes(3));
        Assert.Equal(Cases, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(CaseStatus.Completed, s.Value));
        var transitions = await ClusterDatabase.TransitionsAsync(cluster.Database);
        Assert.All(transitions, c => Assert.All(c.Value, t => Assert.True(t.Value == 1, $"{c.Key}: {t.Value} transitions to {t.Key}")));

        var driver = new Driver(cluster.Client, cluster.RecentLogs);
        var auditor = await driver.AsAsync("auditor");
        var report = await auditor.GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);

        // Nothing committed was removed: every catalogued revision of every case is still in the store,
        // whole (the store checks each object's SHA-256 against the catalog on read).
        var documents = await ClusterDatabase.QueryAsync(cluster.Database, db => Task.FromResult(db.Set<CaseDocument>().Select(d => new { d.CaseId, d.Kind }).ToList()));
        Assert.Equal(Cases * 3, documents.Count);
        foreach (var d in documents)
        {
            using var response = await auditor.GetAsync($"/api/v1/cases/{d.CaseId}/documents/{d.Kind}");
            Assert.True(response.IsSuccessStatusCode, $"case {d.CaseId} {d.Kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [GeneratedRegex(@"export ONETHING_POSTGRES_CONNECTION='([^']*)'")]
    private static partial Regex ExportValue();
}
