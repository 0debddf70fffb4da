using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.PostSeal.Adapters;

namespace OneThing.SigningApi.PostSeal.Consumers;

/// <summary>Hands the disbursement request to the bank adapter and records the disbursement when it answers now.</summary>
public sealed class DisbursementRequestedConsumer(SigningDbContext db, IBankDisbursement bank, CaseStatusChanges statusChanges, ILogger<DisbursementRequestedConsumer> logger)
    : IdempotentCaseConsumer<DisbursementRequested>(db, logger)
{
    protected override async Task HandleAsync(SigningCase c, DisbursementRequested message, CancellationToken ct)
    {
        if (c.Status != CaseStatus.DisbursementRequested)
        {
            Skip(c, message);
            return;
        }
        var receipt = await AdapterCall.RunAsync("bank-disbursement", "bank", nameof(DisbursementRequested), c.Id, Logger, () => bank.RequestAsync(message, ct));
        if (receipt is not null)
        {
            statusChanges.Disbursed(c, receipt.BankReference, receipt.AmountFen, receipt.DisbursedAt, receipt.ReportedBy, "bank", client: null, announce: true);
        }
    }
}
