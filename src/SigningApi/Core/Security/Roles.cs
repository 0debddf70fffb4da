
namespace OneThing.SigningApi.Core.Security;

/// <summary>The roles a token may carry (claim <c>role</c>).</summary>
public static class Roles
{
    public const string ApprovalSystem = "approval-system";
    public const string LoanOfficer = "loan-officer";
    public const string SealOfficer = "seal-officer";
    public const string Bank = "bank";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public const string Applicant = "applicant";

    public static readonly IReadOnlyList<string> All = [ApprovalSystem, LoanOfficer, SealOfficer, Bank, Auditor, Admin, Applicant];

    /// <summary>Roles whose tokens come from the staff issuer (applicants get theirs from the link flow).</summary>
    public static readonly IReadOnlyList<string> Staff = [ApprovalSystem, LoanOfficer, SealOfficer, Bank, Auditor, Admin];
}
