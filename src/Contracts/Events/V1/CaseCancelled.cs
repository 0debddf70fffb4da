namespace OneThing.Contracts.Events.V1;

/// <summary>An administrator cancelled the case before it was sealed (e.g. the approval was withdrawn).</summary>
public sealed record CaseCancelled(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string CancelledBy,
    string Reason) : ICaseEvent;
