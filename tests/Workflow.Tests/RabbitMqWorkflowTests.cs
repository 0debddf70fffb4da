using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests;

/// <summary>
/// Over a real RabbitMQ broker (scripts/services/start-rabbitmq.sh): a LoanApproved message opens a
/// case that runs to Completed while a Node.js amqplib subscriber receives every public event; an
/// instance stopped between sealing and registration is resumed by another with nothing lost or
/// done twice; a broker outage mid-case holds events in the outbox until it returns, and so does one
/// at start, until the new instance's queues are bound.
/// These share one broker and one of them stops it, so they run one after another (one class).
/// </summary>
public sealed class RabbitMqWorkflowTests : IDisposable
{
    private static readonly string[] EventTypes =
        ["CaseOpened", "SignerInvited", "DocumentSigned", "CaseCountersigned", "CaseSealed", "MortgageRegistrationRequested",
         "MortgageRegistered", "DisbursementRequested", "LoanDisbursed", "CaseCompleted"];

    private readonly Services.RabbitMq _broker = Services.RequireRabbitMq();
    private readonly string _data = WorkflowHost.NewDataDirectory();
    private readonly string _prefix = "wf" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task LoanApproved_on_the_broker_opens_a_case_that_reaches_Completed_and_a_Node_subscriber_receives_every_event()
    {
        await using var node = await NodeEventListener.StartAsync(_broker, EventTypes);
        using var host = new WorkflowHost(_data, Services.RabbitMqSettings(_broker, _prefix));
        await host.WaitForBusAsync(TimeSpan.FromSeconds(60));
        var driver = new Driver(host);
        var contractCase = Driver.SampleCase();
        var application = contractCase["caseNumber"]!.GetValue<string>();

        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new LoanApproved(application, JsonSerializer.Deserialize<JsonElement>(contractCase.ToJsonString()), Driver.BankCode,
            "Parallel", 14, "approval-model-7", DateTimeOffset.UtcNow));
        var caseId = await WaitForCaseAsync(host, driver, application);

        await driver.SignAndSealAsync(caseId, application);
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(120));

        var received = await WaitForAsync(() =>
        {
            var mine = node.Envelopes.Where(e => e["message"]?["caseId"]?.GetValue<string>() == caseId).ToList();
            return mine.Any(e => Type(e) == "CaseCompleted") ? mine : null;
        }, TimeSpan.FromSeconds(30), () => "the Node subscriber never saw CaseCompleted");
        var types = received.Select(Type).ToHashSet();
        Assert.Superset(EventTypes.ToHashSet(), types);
        var sealedEnvelope = received.Single(e => Type(e) == "CaseSealed");
        Assert.Equal(caseId, sealedEnvelope["correlationId"]!.GetValue<string>());
        Assert.Contains("urn:message:OneThing.Contracts.Events.V1:CaseSealed", sealedEnvelope["messageType"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(3, sealedEnvelope["message"]!["documents"]!.AsArray().Count);
        // Every outbox row went out exactly under its own messageId.
        var outboxIds = await host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.CaseId == Guid.Parse(caseId)).Select(m => m.MessageId).ToListAsync());
        Assert.Subset(outboxIds.Select(i => i.ToString()).ToHashSet(), received.Select(e => e["messageId"]!.GetValue<string>()).ToHashSet());
    }

    [Fact]
    public async Task A_service_stopped_after_sealing_and_before_registration_is_resumed_by_the_next_instance_without_loss_or_repetition()
    {
        string caseId;
        var log = new HostLog();
        // Instance 1: its registry never answers in time, so the case is sealed and its registration in flight when it stops.
        var slow = Services.RabbitMqSettings(_broker, _prefix);
        slow["OneThing:Workflow:Registry:Delay"] = "00:30:00";
        using (var first = new WorkflowHost(_data, slow, log))
        {
            await first.WaitForBusAsync(TimeSpan.FromSeconds(60));
            var driver = new Driver(first);
            var (id, application) = await driver.OpenAsync();
            caseId = id;
            await driver.SignAndSealAsync(caseId, application);
            await driver.WaitForStatusAsync(caseId, "MortgageRegistrationRequested", TimeSpan.FromSeconds(60));
            // Stop only once the registry holds the request: the message is then delivered and unacknowledged.
            await log.WaitForAsync($"mortgage registry received case {caseId}", TimeSpan.FromSeconds(60));
        }

        // Instance 2 on the same database and broker picks the unacknowledged request up again.
        using var second = new WorkflowHost(_data, Services.RabbitMqSettings(_broker, _prefix), log);
        await new Driver(second).WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(120));

        var id2 = Guid.Parse(caseId);
        var transitions = await second.WithDbAsync(db => db.Set<CaseTransition>().Where(t => t.CaseId == id2).OrderBy(t => t.Id).Select(t => t.To).ToListAsync());
        Assert.Equal(
            [CaseStatus.Opened, CaseStatus.AwaitingSignatures, CaseStatus.AwaitingCountersign, CaseStatus.AwaitingSeal, CaseStatus.Sealed,
             CaseStatus.MortgageRegistrationRequested, CaseStatus.MortgageRegistered, CaseStatus.DisbursementRequested, CaseStatus.Disbursed, CaseStatus.Completed],
            transitions);
        var events = await second.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.CaseId == id2).Select(m => m.MessageType).ToListAsync());
        foreach (var step in new[] { "CaseSealed", "MortgageRegistrationRequested", "MortgageRegistered", "DisbursementRequested", "LoanDisbursed", "CaseCompleted" })
            Assert.Single(events, t => t.EndsWith("." + step, StringComparison.Ordinal));
        var documents = await second.WithDbAsync(db => db.Documents.Where(d => d.CaseId == id2 && d.Kind == "evidence-report").CountAsync());
        Assert.Equal(1, documents);
    }

    [Fact]
    public async Task Events_wait_in_the_outbox_while_the_broker_is_down_and_flow_when_it_returns()
    {
        using var host = new WorkflowHost(_data, Services.RabbitMqSettings(_broker, _prefix));
        await host.WaitForBusAsync(TimeSpan.FromSeconds(60));
        var driver = new Driver(host);
        var (caseId, application) = await driver.OpenAsync();
        var id = Guid.Parse(caseId);
        await WaitForAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.CaseId == id && m.SentAt == null)) ? null : "", TimeSpan.FromSeconds(30), () => "intake events were not published");

        await Services.CtlAsync(_broker, "stop_app");
        try
        {
            await driver.SignAndSealAsync(caseId, application);
            // The signing API keeps working; the seal's event cannot leave, so the case stays Sealed with CaseSealed unsent.
            await Task.Delay(TimeSpan.FromSeconds(8));
            var waiting = await host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.CaseId == id && m.SentAt == null).Select(m => m.MessageType).ToListAsync());
            Assert.Contains("OneThing.Contracts.Events.V1.CaseSealed", waiting);
            Assert.Equal("Sealed", (await driver.WaitForStatusAsync(caseId, "Sealed", TimeSpan.FromSeconds(5)))["status"]!.GetValue<string>());
            // The instance stays ready (it signs and seals), and says its bus is away.
            // Each check's state is shown to operators only.
            var ready = await (await driver.AsAsync("admin")).GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var health = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("Degraded", health["status"]!.GetValue<string>());
            Assert.Equal("Degraded", health["checks"]!["event-bus"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await Services.CtlAsync(_broker, "start_app");
        }
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(180));
        var unsent = await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.CaseId == id && m.SentAt == null && !m.MessageType.EndsWith(".CaseCompleted")));
        Assert.Equal(0, unsent);
    }

    [Fact]
    public async Task A_service_started_while_the_broker_is_down_holds_its_events_until_its_queues_are_bound_and_loses_none()
    {
        // A fresh queue prefix: the broker has never seen this instance's queues, so every binding is made on the first connection.
        // The factory starts the instance on first use, which is after the broker has stopped.
        using var host = new WorkflowHost(_data, Services.RabbitMqSettings(_broker, _prefix));
        var driver = new Driver(host);
        await Services.CtlAsync(_broker, "stop_app");
        string caseId;
        try
        {
            (caseId, var application) = await driver.OpenAsync();
            await driver.SignAndSealAsync(caseId, application);
            Assert.Equal("Sealed", (await driver.WaitForStatusAsync(caseId, "Sealed", TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
        }
        finally
        {
            await Services.CtlAsync(_broker, "start_app");
        }
        // CaseSealed is consumed by the service's own queue: published before that queue was bound, it would be dropped and the case would stay Sealed.
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(180));
        await host.Log.WaitForAsync("Outbox: waiting for the bus", TimeSpan.FromSeconds(5));
        await host.Log.WaitForAsync("Outbox: the bus is ready; publishing", TimeSpan.FromSeconds(5));
    }

    private static string Type(JsonObject envelope) =>
        envelope["messageType"]!.AsArray().Select(t => t!.GetValue<string>()).First().Split(':').Last();

    private static async Task<string> WaitForCaseAsync(WorkflowHost host, Driver driver, string application)
    {
        var auditor = await driver.AsAsync("auditor");
        return await WaitForAsync(async () =>
        {
            var list = await auditor.GetFromJsonAsync<JsonArray>("/api/v1/cases?take=200");
            return list!.FirstOrDefault(c => c!["applicationNumber"]!.GetValue<string>() == application)?["id"]!.GetValue<string>();
        }, TimeSpan.FromSeconds(60), () => $"LoanApproved {application} did not open a case. The service's recent log:{Environment.NewLine}{host.Log.Tail(80)}");
    }

    private static Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, Func<string> failure) where T : class =>
        WaitForAsync(() => Task.FromResult(probe()), timeout, failure);

    /// <summary>Polls until <paramref name="probe"/> answers; the failure message is built at the timeout, so it can carry the log.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> failure) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException(failure());
    }

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
