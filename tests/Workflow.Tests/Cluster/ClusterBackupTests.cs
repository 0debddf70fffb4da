using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Audit;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// deploy/README.md's backup and restore, run as written: scripts/cluster/backup.sh in the middle of a
/// cluster's life, scripts/cluster/restore.sh into a new database and bucket, fresh instances on them.
/// </summary>
[Trait("Category", "ClusterProxy")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterBackupTests(PublishedService app) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onething-cluster-tests", "backup-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_backup_taken_mid_life_restored_into_a_new_database_and_bucket_serves_the_sealed_contract_which_still_verifies_and_its_case()
    {
        string completed, pending, afterBackup;
        byte[] sealedBefore;
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using (var cluster = await LocalCluster.StartAsync(app, 1, ClusterCaseTests.FastWorkflow))
        {
            var driver = new Driver(cluster.Client, cluster.RecentLogs);
            (completed, var application) = await driver.OpenAsync();
            await driver.SignAndSealAsync(completed, application);
            await driver.WaitForStatusAsync(completed, "Completed", TimeSpan.FromSeconds(120));
            (pending, _) = await driver.OpenAsync();
            var auditor = await driver.AsAsync("auditor");
            sealedBefore = await auditor.GetByteArrayAsync($"/api/v1/cases/{completed}/documents/loan-contract");

            var backup = await Tool.RunAsync("bash", [Script("backup.sh"), _folder], new Dictionary<string, string?>
            {
                ["ONETHING_CLUSTER_DATABASE"] = cluster.Database,
                ["ONETHING_CLUSTER_BUCKET"] = cluster.Bucket,
            }, timeout: TimeSpan.FromMinutes(3));
            Assert.True(backup.ExitCode == 0, $"backup.sh: {backup.Output}");
            // Life goes on after the backup: this case is not in it.
            (afterBackup, _) = await driver.OpenAsync();
        }

        var database = "onething_restored_" + tag;
        var bucket = "onething-restored-" + tag;
        var restore = await Tool.RunAsync("bash", [Script("restore.sh"), _folder, database, bucket], timeout: TimeSpan.FromMinutes(3));
        Assert.True(restore.ExitCode == 0, $"restore.sh: {restore.Output}");
        Assert.Contains($"export ONETHING_CLUSTER_BUCKET={bucket}", restore.Stdout, StringComparison.Ordinal);

        // Fresh instances (new data folders) on the restored database and bucket.
        await using var restored = await LocalCluster.StartAsync(app, 1, ClusterCaseTests.FastWorkflow, environment: new Dictionary<string, string?>
        {
            ["ONETHING_CLUSTER_DATABASE_NAME"] = database,
            ["ONETHING_CLUSTER_BUCKET_NAME"] = bucket,
        });
        Assert.Equal(bucket, restored.Bucket);
        var again = new Driver(restored.Client, restored.RecentLogs);
        var reader = await again.AsAsync("auditor");
        var view = await reader.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{completed}");
        Assert.Equal("Completed", view!["status"]!.GetValue<string>());
        Assert.Equal("AwaitingSignatures", (await reader.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{pending}"))!["status"]!.GetValue<string>());
        using (var missing = await reader.GetAsync($"/api/v1/cases/{afterBackup}"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The sealed contract from before the backup is served byte for byte (checked against the restored
        // catalog's SHA-256 on read) and still verifies against the restored trust anchors.
        var sealedAfter = await reader.GetByteArrayAsync($"/api/v1/cases/{completed}/documents/loan-contract");
        Assert.Equal(SHA256.HashData(sealedBefore), SHA256.HashData(sealedAfter));
        var bank = await again.AsAsync("bank");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(sealedAfter);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "loan-contract.pdf");
        var verified = await bank.PostAsync("/api/v1/verify", form);
        await Driver.EnsureAsync(verified, HttpStatusCode.OK);
        var verdict = (await verified.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(verdict["verdict"]!.ToString().Equals("valid", StringComparison.OrdinalIgnoreCase), verdict.ToJsonString());
        foreach (var kind in new[] { "mortgage-contract", "deduction-authorization", "evidence-report" })
            await Driver.EnsureAsync(await reader.GetAsync($"/api/v1/cases/{completed}/documents/{kind}"), HttpStatusCode.OK);
        var report = await reader.GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);
    }

    private static string Script(string name) => Path.Combine(Driver.RepositoryRoot(), "scripts", "cluster", name);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
