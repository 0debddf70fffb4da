namespace OneThing.ContractTemplates.Cases;

/// <summary>The home being bought, which is also the mortgaged property.</summary>
public sealed record Property
{
    public string Address { get; init; } = "";
    /// <summary>Real-estate certificate number, or the commodity-housing contract filing number for off-plan homes.</summary>
    public string CertificateNumber { get; init; } = "";
    /// <summary>Floor area in square metres (two decimals).</summary>
    public decimal FloorArea { get; init; }
    public long PriceFen { get; init; }
}
