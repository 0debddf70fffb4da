namespace OneThing.Contracts.Events.V1;

/// <summary>The centre seal (PAdES B-LTA) is on every document: these revisions are the final contract.</summary>
/// <param name="SealedBy">The seal officer, or <c>policy:auto-seal</c> when the centre seals automatically.</param>
public sealed record CaseSealed(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string CentreCode,
    string BankCode,
    string SealedBy,
    IReadOnlyList<DocumentDigest> Documents) : ICaseEvent;
