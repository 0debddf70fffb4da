using System.Text.Json;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Workflow.Outbox;

namespace OneThing.SigningApi.Workflow;

/// <summary>
/// The only way a case changes state: validates the transition against <see cref="CaseStateMachine"/>,
/// stores it (who, role, when, why) and puts the announcing events in the outbox — all added to the
/// caller's unit of work, so the change and its events commit in the caller's one SaveChanges or not at all.
/// </summary>
public sealed class CaseWorkflow(TimeProvider time, OutboxSignal signal)
{
    /// <summary>Records a new case's first state (<see cref="CaseStatus.Opened"/>).</summary>
    public void Begin(SigningDbContext db, SigningCase c, string actor, string role)
    {
        c.Status = CaseStatus.Opened;
        Record(db, c.Id, null, CaseStatus.Opened, actor, role, null);
    }

    /// <summary>Moves the case, refusing (409 problem) a transition the state machine does not allow.</summary>
    public void Move(SigningDbContext db, SigningCase c, CaseStatus to, string actor, string role, string? reason = null)
    {
        CaseStateMachine.EnsureCanMove(c.Id, c.Status, to);
        var from = c.Status;
        c.Status = to;
        c.UpdatedAt = time.GetUtcNow();
        // Renewing the concurrency token makes a concurrent writer of the same case fail instead of both moving it.
        c.Version = Guid.NewGuid();
        Record(db, c.Id, from, to, actor, role, reason);
    }

    /// <summary>Adds an event to the outbox in the caller's unit of work.</summary>
    public void Publish<T>(SigningDbContext db, T message) where T : class, ICaseEvent
    {
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = MassTransit.NewId.NextGuid(),
            CaseId = message.CaseId,
            MessageType = EventCatalog.NameOf(typeof(T)),
            Body = JsonSerializer.Serialize(message, EventCatalog.Json),
            CreatedAt = time.GetUtcNow(),
        });
        signal.Poke();
    }

    public DateTimeOffset Now => time.GetUtcNow();

    private void Record(SigningDbContext db, Guid caseId, CaseStatus? from, CaseStatus to, string actor, string role, string? reason) =>
        db.Set<CaseTransition>().Add(new CaseTransition
        {
            CaseId = caseId,
            From = from,
            To = to,
            Actor = Truncate(actor, 128),
            ActorRole = Truncate(role, 32),
            At = time.GetUtcNow(),
            Reason = reason is null ? null : Truncate(reason, 500),
        });

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}
