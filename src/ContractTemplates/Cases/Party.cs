namespace OneThing.ContractTemplates.Cases;

/// <summary>A borrower or co-borrower.</summary>
public sealed record Party
{
    public string Name { get; init; } = "";
    /// <summary>18-character resident identity number (GB 11643), last character may be X.</summary>
    public string IdNumber { get; init; } = "";
    /// <summary>Mainland mobile number, 11 digits starting with 1.</summary>
    public string Phone { get; init; } = "";
    public string Address { get; init; } = "";
    public MaritalStatus MaritalStatus { get; init; }
    /// <summary>For co-borrowers: relation to the borrower, e.g. 配偶.</summary>
    public string Relationship { get; init; } = "";
}
