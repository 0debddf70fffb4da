using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Timeline;

/// <summary>Adds timeline entries to the same unit of work as the change they describe, so both commit or neither.</summary>
public sealed class TimelineWriter(TimeProvider time)
{
    public void Add(SigningDbContext db, Guid caseId, string action, string actor, string actorRole, string? detail, ClientInfo? client)
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
