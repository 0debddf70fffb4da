namespace OneThing.Contracts.Events.V1;

/// <summary>The signing period ended before every applicant signed.</summary>
public sealed record CaseExpired(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    DateTimeOffset ExpiresAt) : ICaseEvent;
