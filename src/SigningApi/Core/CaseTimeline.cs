using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core;

/// <summary>Adds timeline entries to the scope's unit of work, so an entry and the change it describes commit together or not at all.</summary>
public sealed class CaseTimeline(SigningDbContext db, TimeProvider time)
{
    public void Add(Guid caseId, string action, string actor, string actorRole, string? detail, ClientInfo? client)
    {
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = caseId,
            At = time.GetUtcNow(),
            Action = action,
            Actor = actor,
            ActorRole = actorRole,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            ClientAddress = client?.Address,
            UserAgent = client?.UserAgent,
        });
    }
}
