using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.PostSeal.Adapters;

/// <summary>
/// Production: the bank subscribes to <see cref="DisbursementRequested"/> and reports back by
/// <c>POST /api/v1/cases/{id}/disbursement</c> or by publishing <see cref="LoanDisbursed"/>; nothing is called here.
/// </summary>
public sealed class ExternalBankDisbursement(ILogger<ExternalBankDisbursement> logger) : IBankDisbursement
{
    public Task<DisbursementReceipt?> RequestAsync(DisbursementRequested request, CancellationToken ct)
    {
        logger.LogInformation("Disbursement of case {Case} requested from bank {Bank} on the bus; waiting for its report", request.CaseId, request.BankCode);
        return Task.FromResult<DisbursementReceipt?>(null);
    }
}
