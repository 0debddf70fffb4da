
namespace OneThing.SigningApi.Core;

/// <summary>Timeline action names of the steps after the seal.</summary>
public static class WorkflowTimelineActions
{
    public const string MortgageRegistrationRequested = "mortgage-registration-requested";
    public const string MortgageRegistered = "mortgage-registered";
    public const string DisbursementRequested = "disbursement-requested";
    public const string LoanDisbursed = "loan-disbursed";
    public const string EvidenceReportSealed = "evidence-report-sealed";
    public const string CaseCompleted = "case-completed";

    /// <summary>The applicants were sent an SMS about their loan's progress (sealed, disbursed).</summary>
    public const string ApplicantsNotified = "applicants-notified";
    public const string CaseCancelled = "case-cancelled";
}
