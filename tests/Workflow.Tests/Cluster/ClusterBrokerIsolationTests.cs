using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// The event exchanges are named after the event types, so every queue bound on a virtual host receives every
/// deployment's events there: a second deployment on the same virtual host would open the cases of the
/// LoanApproved messages meant for the first. scripts/cluster/up.sh gives each cluster a virtual host of its own
/// and its stop removes it.
/// </summary>
[Trait("Category", "ClusterProxy")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterBrokerIsolationTests(PublishedService app)
{
    [Fact]
    public async Task A_cluster_consumes_on_a_virtual_host_of_its_own_that_its_stop_removes()
    {
        var broker = Services.RequireRabbitMq();
        string virtualHost;
        await using (var cluster = await LocalCluster.StartAsync(app, 1, ClusterCaseTests.FastWorkflow))
        {
            virtualHost = cluster.VirtualHost;
            Assert.NotEqual("/", virtualHost);
            // The bus declares its queues once connected, which may be after the instance said it was ready.
            var deadline = DateTime.UtcNow.AddMinutes(1);
            var own = await QueuesAsync(broker, virtualHost);
            while (!own.Any(IsIntake) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                own = await QueuesAsync(broker, virtualHost);
            }
            var intake = Assert.Single(own, IsIntake);
            var prefix = intake[..^"loan-approved".Length];
            Assert.DoesNotContain(await QueuesAsync(broker, "/"), q => q.StartsWith(prefix, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(virtualHost, await ListAsync(broker, ["list_vhosts", "name"]));
    }

    private static bool IsIntake(string queue) => queue.EndsWith("-loan-approved", StringComparison.Ordinal);

    private static Task<IReadOnlyList<string>> QueuesAsync(Services.RabbitMq broker, string virtualHost) =>
        ListAsync(broker, ["list_queues", "-p", virtualHost, "name"]);

    /// <summary>rabbitmqctl's list, waiting while the broker's app is stopped (RabbitMqWorkflowTests' outage runs beside this).</summary>
    private static async Task<IReadOnlyList<string>> ListAsync(Services.RabbitMq broker, string[] arguments)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var result = await Tool.RunAsync(broker.Ctl, [.. arguments, "--quiet", "--no-table-headers"]);
        while (result.ExitCode != 0 && result.Output.Contains("requires the 'rabbit' app to be running", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            result = await Tool.RunAsync(broker.Ctl, [.. arguments, "--quiet", "--no-table-headers"]);
        }
        Assert.True(result.ExitCode == 0, $"rabbitmqctl {string.Join(' ', arguments)}: {result.Output}");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
