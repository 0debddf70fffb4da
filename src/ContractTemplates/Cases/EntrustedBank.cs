namespace OneThing.ContractTemplates.Cases;

/// <summary>The bank entrusted by the centre to disburse and collect the loan (受托银行).</summary>
public sealed record EntrustedBank
{
    public string Name { get; init; } = "";
    public string Branch { get; init; } = "";
    public string Address { get; init; } = "";
}
