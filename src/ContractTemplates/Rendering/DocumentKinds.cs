namespace OneThing.ContractTemplates.Rendering;

/// <summary>The documents a case produces; the value is also the template id.</summary>
public static class DocumentKinds
{
    public const string LoanContract = "loan-contract";
    public const string MortgageContract = "mortgage-contract";
    public const string DeductionAuthorization = "deduction-authorization";

    public static IReadOnlyList<string> All { get; } = [LoanContract, MortgageContract, DeductionAuthorization];
}
