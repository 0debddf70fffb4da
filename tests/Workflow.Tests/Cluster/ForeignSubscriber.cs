using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core.Outbox;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// A subscriber outside .NET (Node.js amqplib, <see cref="NodeEventListener"/>) on a cluster's virtual host,
/// bound to every public event before a load run, and what it must have seen afterwards: every event the
/// cluster committed to its outbox, nothing else, and a step that happens once per case under one message
/// id only. A redelivery (same message id twice) is allowed: subscribers drop repeats by message id.
/// </summary>
internal static class ForeignSubscriber
{
    /// <summary>Every event a deployment publishes: each case event of the contracts (LoanApproved comes in, not out).</summary>
    public static readonly string[] PublicEvents = [.. typeof(ICaseEvent).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(ICaseEvent).IsAssignableFrom(t)).Select(t => t.Name).Order(StringComparer.Ordinal)];

    /// <summary>The steps a Completed case goes through exactly once, each announced by one event.</summary>
    private static readonly string[] OncePerCase =
        ["CaseOpened", "CaseCountersigned", "CaseSealed", "MortgageRegistrationRequested", "MortgageRegistered",
         "DisbursementRequested", "LoanDisbursed", "CaseCompleted"];

    public static Task<NodeEventListener> StartAsync(LocalCluster cluster) =>
        NodeEventListener.StartAsync(Services.RequireRabbitMq(), PublicEvents, cluster.VirtualHost);

    /// <summary>Waits (up to a minute) for the outbox to drain into the subscriber, then checks what it received.</summary>
    public static async Task AssertReceivedEveryEventOnceAsync(LocalCluster cluster, NodeEventListener listener, int cases)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        List<(Guid MessageId, Guid CaseId, string Type)> outbox;
        List<Envelope> received;
        while (true)
        {
            outbox = (await ClusterDatabase.QueryAsync(cluster.Database, db => db.Set<OutboxMessage>()
                .Select(m => new { m.MessageId, m.CaseId, m.MessageType }).ToListAsync()))
                .Select(m => (m.MessageId, m.CaseId, m.MessageType[(m.MessageType.LastIndexOf('.') + 1)..])).ToList();
            received = [.. listener.Envelopes.Select(Envelope.Of)];
            var ids = received.Select(e => e.MessageId).ToHashSet();
            if (outbox.All(m => ids.Contains(m.MessageId)) || DateTime.UtcNow > deadline) break;
            await Task.Delay(1000);
        }

        var receivedIds = received.Select(e => e.MessageId).ToHashSet();
        var missing = outbox.Where(m => !receivedIds.Contains(m.MessageId)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {outbox.Count} committed events never reached the subscriber, e.g. {string.Join(", ", missing.Take(5).Select(m => $"{m.Type} of case {m.CaseId}"))}");
        var committed = outbox.Select(m => m.MessageId).ToHashSet();
        var foreign = received.Where(e => !committed.Contains(e.MessageId)).ToList();
        Assert.True(foreign.Count == 0, $"{foreign.Count} events the cluster never committed, e.g. {foreign.FirstOrDefault()}");

        // Per case, each once-only step arrived under exactly one message id, whatever was redelivered.
        var byCase = received.GroupBy(e => e.CaseId).ToList();
        Assert.Equal(cases, byCase.Count);
        foreach (var c in byCase)
        {
            var ids = c.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Select(e => e.MessageId).Distinct().Count());
            foreach (var step in OncePerCase)
                Assert.True(ids.GetValueOrDefault(step) == 1, $"case {c.Key}: {step} under {ids.GetValueOrDefault(step)} message ids");
            Assert.True(ids.Keys.All(OncePerCase.Concat(["SignerInvited", "DocumentSigned"]).Contains), $"case {c.Key}: {string.Join(", ", ids.Keys)}");
        }
    }

    /// <summary>What the checks read of a received MassTransit envelope.</summary>
    private sealed record Envelope(Guid MessageId, string CaseId, string Type)
    {
        public static Envelope Of(JsonObject envelope) => new(
            Guid.Parse(envelope["messageId"]!.GetValue<string>()),
            envelope["message"]!["caseId"]!.GetValue<string>(),
            envelope["messageType"]!.AsArray().Select(t => t!.GetValue<string>())
                .First(t => t.StartsWith("urn:message:OneThing.Contracts.Events.V1:", StringComparison.Ordinal)).Split(':')[^1]);
    }
}
