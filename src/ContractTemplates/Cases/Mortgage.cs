namespace OneThing.ContractTemplates.Cases;

/// <summary>Mortgage terms: what is secured and where it is registered.</summary>
public sealed record Mortgage
{
    /// <summary>The real-estate registration authority (不动产登记中心).</summary>
    public string RegistryName { get; init; } = "";
    /// <summary>Principal amount secured; normally the loan amount.</summary>
    public long SecuredAmountFen { get; init; }
}
