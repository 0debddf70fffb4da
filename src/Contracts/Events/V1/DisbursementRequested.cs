namespace OneThing.Contracts.Events.V1;

/// <summary>
/// The entrusted bank is asked to disburse. The bank answers by
/// <c>POST /api/v1/cases/{CaseId}/disbursement</c> (or its adapter does), which publishes <see cref="LoanDisbursed"/>.
/// </summary>
/// <param name="AmountFen">The loan amount in fen.</param>
/// <param name="RepaymentAccount">The borrower's repayment (deduction) account number at the bank.</param>
public sealed record DisbursementRequested(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string BankCode,
    long AmountFen,
    string RepaymentAccount,
    string MortgageRegistrationNumber) : ICaseEvent;
