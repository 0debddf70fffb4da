using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.PostSeal.Adapters;

/// <summary>
/// The entrusted bank (受托银行). Returns the disbursement when the bank answers within the call, or
/// null when the bank reports later (<c>POST /api/v1/cases/{id}/disbursement</c> or a <see cref="LoanDisbursed"/> event).
/// Must be idempotent by case id.
/// </summary>
public interface IBankDisbursement
{
    Task<DisbursementReceipt?> RequestAsync(DisbursementRequested request, CancellationToken ct);
}

public sealed record DisbursementReceipt(string BankReference, long AmountFen, DateTimeOffset DisbursedAt, string ReportedBy);
