namespace OneThing.Contracts.Events.V1;

/// <summary>The loan officer countersigned every document.</summary>
public sealed record CaseCountersigned(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string Officer,
    IReadOnlyList<DocumentDigest> Documents) : ICaseEvent;
