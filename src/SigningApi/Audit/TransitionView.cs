using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Audit;

/// <summary>A state change as answered: <paramref name="Reason"/> as recorded, <paramref name="ReasonText"/> in Chinese (Core/RecordText).</summary>
public sealed record TransitionView(CaseStatus? From, CaseStatus To, string Actor, string ActorRole, DateTimeOffset At, string? Reason, string ReasonText);
