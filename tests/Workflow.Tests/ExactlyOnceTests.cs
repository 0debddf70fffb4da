using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests;

/// <summary>
/// Exactly-once is counted, not assumed: every outbox row reaches each consumer of its type once
/// (counts compared, not sets), and a message delivered again under the same id — what a broker does
/// when an instance committed a step and died before acknowledging — takes the consumers' "already
/// handled" path and makes no second transition; under a new id the case's state check refuses it.
/// </summary>
public sealed class ExactlyOnceTests : IDisposable
{
    private readonly WorkflowHost _host = new(WorkflowHost.NewDataDirectory(), new Dictionary<string, string?>());

    [Fact]
    public async Task Every_outbox_row_is_handled_once_by_each_consumer_and_a_redelivery_makes_no_second_transition()
    {
        var driver = new Driver(_host);
        var (caseId, application) = await driver.OpenAsync();
        await driver.SignAndSealAsync(caseId, application);
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(60));
        var id = Guid.Parse(caseId);
        await WaitAsync(() => _host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.CaseId == id && m.SentAt == null)), expect: false);

        // Counts, per consumer: rows of the type it consumes vs. messages it recorded as handled.
        var consumed = new Dictionary<string, string>
        {
            ["CaseSealedConsumer"] = "CaseSealed", ["MortgageRegistrationRequestedConsumer"] = "MortgageRegistrationRequested",
            ["MortgageRegisteredConsumer"] = "MortgageRegistered", ["DisbursementRequestedConsumer"] = "DisbursementRequested",
            ["LoanDisbursedConsumer"] = "LoanDisbursed",
        };
        var rows = await _host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.CaseId == id).ToListAsync());
        var handled = await _host.WithDbAsync(db => db.Set<ProcessedMessage>().ToListAsync());
        foreach (var (consumer, type) in consumed)
        {
            var ofType = rows.Where(r => r.MessageType.EndsWith("." + type, StringComparison.Ordinal)).ToList();
            Assert.Single(ofType);
            Assert.Equal(ofType.Count, handled.Count(h => h.Consumer == consumer && ofType.Any(r => r.MessageId == h.MessageId)));
        }
        Assert.Equal(rows.Count, rows.Select(r => r.MessageId).Distinct().Count());

        // The broker hands CaseSealed over again under its id: the consumer recognises it.
        var sealedRow = rows.Single(r => r.MessageType.EndsWith(".CaseSealed", StringComparison.Ordinal));
        var transitionsBefore = await TransitionsAsync(id);
        await PublishAsync(sealedRow, sealedRow.MessageId);
        await _host.Log.WaitForAsync($"CaseSealedConsumer: message {sealedRow.MessageId} already handled; skipped", TimeSpan.FromSeconds(30));

        // Under a new id (a duplicate made upstream) the state check refuses a second step.
        var fresh = Guid.NewGuid();
        await PublishAsync(sealedRow, fresh);
        await WaitAsync(() => _host.WithDbAsync(db => db.Set<ProcessedMessage>().AnyAsync(p => p.MessageId == fresh)), expect: true);

        Assert.Equal(transitionsBefore, await TransitionsAsync(id));
        Assert.Equal(1, await _host.WithDbAsync(db => db.Set<ProcessedMessage>().CountAsync(p => p.Consumer == "CaseSealedConsumer" && p.MessageId == sealedRow.MessageId)));
        Assert.Equal(1, await _host.WithDbAsync(db => db.Set<CaseTransition>().CountAsync(t => t.CaseId == id && t.To == CaseStatus.MortgageRegistrationRequested)));
    }

    private Task<int> TransitionsAsync(Guid id) => _host.WithDbAsync(db => db.Set<CaseTransition>().CountAsync(t => t.CaseId == id));

    private async Task PublishAsync(OutboxMessage row, Guid messageId)
    {
        var message = EventCatalog.Deserialize(row.MessageType, row.Body);
        await _host.Services.GetRequiredService<IBus>().Publish(message, message.GetType(), context =>
        {
            context.MessageId = messageId;
            context.CorrelationId = row.CaseId;
        });
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, bool expect)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await condition() != expect)
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"condition did not become {expect} within 30 s");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        var data = _host.DataDirectory;
        _host.Dispose();
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
    }
}
