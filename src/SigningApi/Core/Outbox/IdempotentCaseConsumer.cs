using MassTransit;
using Microsoft.EntityFrameworkCore;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Telemetry;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Outbox;

/// <summary>
/// At-least-once delivery made safe: a message this consumer already handled (its messageId is in
/// <c>processed_messages</c>) is skipped, and the handler's changes commit in the same SaveChanges
/// as that record. Handlers also check the case's state, so a step is never taken twice.
/// </summary>
public abstract class IdempotentCaseConsumer<T>(SigningDbContext db, ILogger logger) : IConsumer<T> where T : class, ICaseEvent
{
    protected SigningDbContext Db => db;

    protected ILogger Logger => logger;

    private static readonly KeyValuePair<string, object?> MessageType = new("message_type", typeof(T).Name);

    /// <summary>Timed and counted by message type; a failure is counted each time, retries included.</summary>
    public async Task Consume(ConsumeContext<T> context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await ConsumeOnceAsync(context);
        }
        catch (Exception)
        {
            OneThingMetrics.ConsumerFailures.Add(1, MessageType);
            throw;
        }
        finally
        {
            OneThingMetrics.ConsumerDuration.Record(OneThingMetrics.SecondsSince(started), MessageType);
        }
    }

    private async Task ConsumeOnceAsync(ConsumeContext<T> context)
    {
        var ct = context.CancellationToken;
        var consumer = GetType().Name;
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} without a messageId cannot be de-duplicated");
        // Held until the commit below, so what the step writes cannot be taken for a failed request's leftovers.
        await using var turn = await EnterTurnAsync(context.Message.CaseId, ct);
        Turn = turn;
        if (await db.Set<ProcessedMessage>().AnyAsync(p => p.Consumer == consumer && p.MessageId == messageId, ct))
        {
            logger.LogInformation("{Consumer}: message {MessageId} already handled; skipped", consumer, messageId);
            return;
        }
        var c = await db.Cases.Include(x => x.Parties).Include(x => x.Documents).SingleOrDefaultAsync(x => x.Id == context.Message.CaseId, ct);
        if (c is null)
        {
            logger.LogWarning("{Consumer}: case {Case} of message {MessageId} does not exist here; ignored", consumer, context.Message.CaseId, messageId);
        }
        else
        {
            await HandleAsync(c, context.Message, ct);
        }
        db.Set<ProcessedMessage>().Add(new ProcessedMessage { Consumer = consumer, MessageId = messageId, ProcessedAt = DateTimeOffset.UtcNow });
        // A concurrent duplicate or a concurrent change of the case fails here; the retry policy runs the
        // message again in a fresh scope, which then finds it handled or the case already moved on.
        await db.SaveChangesAsync(ct);
        if (c is not null) Committed(c, context.Message);
    }

    /// <summary>The case's turn while the step runs, for a consumer that takes one (<see cref="EnterTurnAsync"/>).</summary>
    protected CaseTurn? Turn { get; private set; }

    /// <summary>
    /// A consumer that writes the case's documents takes the case's turn (<see cref="CaseSigningGate"/>) for the
    /// whole step, as signing does; the others need none.
    /// </summary>
    protected virtual Task<CaseTurn?> EnterTurnAsync(Guid caseId, CancellationToken ct) => Task.FromResult<CaseTurn?>(null);

    /// <summary>Runs once the step's changes are committed, for what must happen only then (e.g. logging the event it made).</summary>
    protected virtual void Committed(SigningCase c, T message) { }

    /// <summary>Adds the step's changes to the unit of work when the case is in the state the step expects; otherwise does nothing.</summary>
    protected abstract Task HandleAsync(SigningCase c, T message, CancellationToken ct);

    protected void Skip(SigningCase c, T message) =>
        logger.LogInformation("{Consumer}: case {Case} is {Status}; {Message} needs no action", GetType().Name, c.Id, c.Status, typeof(T).Name);
}
