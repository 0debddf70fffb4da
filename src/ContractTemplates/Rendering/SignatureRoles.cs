namespace OneThing.ContractTemplates.Rendering;

/// <summary>Role values of <see cref="SignatureFieldSpec.Role"/>.</summary>
public static class SignatureRoles
{
    public const string Borrower = "borrower";
    public const string CoBorrower = "co-borrower";
    public const string LoanOfficer = "loan-officer";
    public const string CentreSeal = "centre-seal";
}
