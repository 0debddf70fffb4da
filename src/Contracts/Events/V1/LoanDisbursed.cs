namespace OneThing.Contracts.Events.V1;

/// <summary>The bank disbursed the loan (放款).</summary>
/// <param name="BankReference">The bank's own transaction reference.</param>
/// <param name="ReportedBy">The bank user or adapter that reported it (a simulator says so here).</param>
public sealed record LoanDisbursed(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string BankCode,
    long AmountFen,
    string BankReference,
    DateTimeOffset DisbursedAt,
    string ReportedBy) : ICaseEvent;
