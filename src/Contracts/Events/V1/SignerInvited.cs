namespace OneThing.Contracts.Events.V1;

/// <summary>
/// A signer was sent a one-time link. The phone is masked (e.g. <c>138****5678</c>); no ID number
/// is ever published.
/// </summary>
public sealed record SignerInvited(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string Field,
    string Role,
    string Name,
    string MaskedPhone,
    int SigningOrder) : ICaseEvent;
