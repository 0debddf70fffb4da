namespace OneThing.Contracts.Events.V1;

/// <summary>A signer declined with a reason; the case is closed as Declined.</summary>
public sealed record SignerDeclined(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string Field,
    string Role,
    string Reason) : ICaseEvent;
