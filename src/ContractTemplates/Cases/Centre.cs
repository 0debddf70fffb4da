namespace OneThing.ContractTemplates.Cases;

/// <summary>The housing provident fund management centre (lender and mortgagee).</summary>
public sealed record Centre
{
    public string Name { get; init; } = "";
    /// <summary>Centre code, e.g. the unified social credit code or the centre's internal code.</summary>
    public string Code { get; init; } = "";
    public string Address { get; init; } = "";
    public string Phone { get; init; } = "";
}
