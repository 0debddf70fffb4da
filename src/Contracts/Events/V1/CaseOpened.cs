namespace OneThing.Contracts.Events.V1;

/// <summary>A case was opened from an approved loan: documents rendered and stored, signers about to be invited.</summary>
public sealed record CaseOpened(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string CentreCode,
    string BankCode,
    string SigningOrder,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<DocumentDigest> Documents) : ICaseEvent;
