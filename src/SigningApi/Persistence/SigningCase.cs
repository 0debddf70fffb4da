namespace OneThing.SigningApi.Persistence;

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

public enum CaseStatus
{
    AwaitingSignatures,
    AwaitingCountersign,
    AwaitingSeal,
    Sealed,
    Declined,
    Expired,
}

public enum SigningOrder
{
    Parallel,
    Sequential,
}
