using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Audit;

public sealed record TransitionView(CaseStatus? From, CaseStatus To, string Actor, string ActorRole, DateTimeOffset At, string? Reason);
