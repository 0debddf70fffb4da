using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// Exactly once across a real death between commit and acknowledgement: an instance's consumer commits a
/// step, and the instance is killed (SIGKILL) when its basic.ack is on the way, before RabbitMQ has it.
/// The broker hands the message to the other instance, whose consumer finds it handled: one transition, not two.
/// </summary>
[Trait("Category", "ClusterProxy")]
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterAckTests(PublishedService app)
{
    [Fact]
    public async Task An_instance_killed_after_its_consumer_committed_and_before_the_broker_had_the_ack_leaves_one_transition_and_the_redelivery_is_skipped_as_handled()
    {
        await using var cluster = await LocalCluster.StartAsync(app, 2, ClusterCaseTests.FastWorkflow);
        await using var relay = new AmqpAckRelay(Services.RequireRabbitMq().Port);
        // The second instance talks to RabbitMQ through the relay.
        await cluster.StopAsync(1);
        await cluster.StartAgainAsync(1, new Dictionary<string, string> { ["OneThing__Workflow__RabbitMq__Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var driver = new Driver(cluster.Client, cluster.RecentLogs);
        var (caseId, application) = await driver.OpenAsync();
        foreach (var (name, id, phone) in new[] { ("王建国", "510603198804123574", "13881012345"), ("李秀兰", "510603199007232844", "13990267788") })
        {
            var applicant = await driver.ReadyApplicantAsync(caseId, application, name, id, phone);
            await Driver.EnsureAsync(await applicant.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
        }
        var officer = await driver.AsAsync("loan-officer", Driver.OfficerId);
        await Driver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var sealer = await driver.AsAsync("seal-officer");
        var auditor = await driver.AsAsync("auditor");

        // Only the relayed instance runs now, so it consumes what the seal starts. Its first ack from here
        // on kills it: the consumer has committed (a consumer acks only after its handler returned).
        await cluster.StopAsync(0);
        var handledBefore = await ProcessedAsync(cluster);
        relay.ArmKillOnNextAck(() => cluster.Kill(1));
        await Driver.EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
        await relay.Intercepted.WaitAsync(TimeSpan.FromSeconds(60));
        var handledAtDeath = await ProcessedAsync(cluster);
        var committedUnacked = handledAtDeath.Except(handledBefore).ToList();
        Assert.True(committedUnacked.Count >= 1, "the killed instance had committed no message before its ack");

        // The other instance comes back, gets the unacknowledged message again and takes the case to the end.
        await cluster.StartAgainAsync(0);
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(120));

        // The redelivered message reached the "already handled" path on the other instance ...
        var skipped = AlreadyHandled().Matches(cluster.Log(0, 2000)).Select(m => (m.Groups["consumer"].Value, m.Groups["id"].Value)).ToList();
        Assert.Contains(skipped, s => committedUnacked.Contains(s));
        // ... and every state of the case was entered once; every message is recorded as handled once.
        var transitions = await ClusterDatabase.TransitionsAsync(cluster.Database);
        Assert.Contains(CaseStatus.Completed, transitions[application].Keys);
        Assert.All(transitions[application], t => Assert.True(t.Value == 1, $"{t.Value} transitions to {t.Key}"));
        var handled = await ProcessedAsync(cluster);
        Assert.Equal(handled.Count, handled.Distinct().Count());
        var report = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<OneThing.SigningApi.Audit.AuditIntegrityReport>(auditor, "/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);
    }

    /// <summary>Every (consumer, message id) the consumers recorded as handled, duplicates kept.</summary>
    private static Task<List<(string, string)>> ProcessedAsync(LocalCluster cluster) =>
        ClusterDatabase.QueryAsync(cluster.Database, async db =>
            (await db.Set<ProcessedMessage>().AsNoTracking().Select(p => new { p.Consumer, p.MessageId }).ToListAsync())
            .Select(p => (p.Consumer, p.MessageId.ToString())).ToList());

    [GeneratedRegex(@"(?<consumer>\w+): message (?<id>[0-9a-f-]{36}) already handled; skipped")]
    private static partial Regex AlreadyHandled();
}
