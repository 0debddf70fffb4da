namespace OneThing.ContractTemplates.Cases;

/// <summary>The account instalments are deducted from.</summary>
public sealed record DeductionAccount
{
    public string BankName { get; init; } = "";
    public string AccountName { get; init; } = "";
    public string AccountNumber { get; init; } = "";
}
