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
            var own = await QueuesAsync(broker, virtualHost);
            var intake = Assert.Single(own, q => q.EndsWith("-loan-approved", StringComparison.Ordinal));
            var prefix = intake[..^"loan-approved".Length];
            Assert.DoesNotContain(await QueuesAsync(broker, "/"), q => q.StartsWith(prefix, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(virtualHost, await ListAsync(broker, ["list_vhosts", "name"]));
    }

    private static Task<IReadOnlyList<string>> QueuesAsync(Services.RabbitMq broker, string virtualHost) =>
        ListAsync(broker, ["list_queues", "-p", virtualHost, "name"]);

    private static async Task<IReadOnlyList<string>> ListAsync(Services.RabbitMq broker, string[] arguments)
    {
        var result = await Tool.RunAsync(broker.Ctl, [.. arguments, "--quiet", "--no-table-headers"]);
        Assert.True(result.ExitCode == 0, $"rabbitmqctl {string.Join(' ', arguments)}: {result.Output}");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
