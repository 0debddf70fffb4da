namespace OneThing.SigningApi.Core.Entities;

/// <summary>A loan case being signed: one row per approved application.</summary>
public sealed class SigningCase
{
    public Guid Id { get; set; }
    public required string ApplicationNumber { get; set; }
    public required string CentreCode { get; set; }
    public required string BankCode { get; set; }
    public CaseStatus Status { get; set; }
    public SigningOrder SigningOrder { get; set; }
    public bool AutoSeal { get; set; }

    /// <summary>The case data exactly as received (the contract case JSON), kept for evidence and re-rendering.</summary>
    public required string CaseJson { get; set; }

    /// <summary>SHA-256 of the intake request body, so a repeated intake with other data is told apart.</summary>
    public required string IntakeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token: renewed on every change so concurrent writers cannot both win.</summary>
    public Guid Version { get; set; }

    public List<CaseParty> Parties { get; set; } = [];
    public List<CaseDocument> Documents { get; set; } = [];
}

/// <summary>
/// The case's place in its life; every change goes through <c>CaseStatusChanges</c>, checked against <c>CaseStateMachine</c> (which
/// lists the allowed transitions) and is stored as a <c>CaseTransition</c> with who and when.
/// Stored as text, so adding a value needs no migration.
/// </summary>
public enum CaseStatus
{
    AwaitingSignatures,
    AwaitingCountersign,
    AwaitingSeal,
    Sealed,
    Declined,
    Expired,
    Opened,
    MortgageRegistrationRequested,
    MortgageRegistered,
    DisbursementRequested,
    Disbursed,
    Completed,
    Cancelled,
}

public enum SigningOrder
{
    Parallel,
    Sequential,
}
