using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.PostSeal.Adapters;
using OneThing.SigningApi.Core.Telemetry;

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
        DisbursementReceipt? receipt;
        using (var activity = OneThingActivity.Start("bank-disbursement", c.Id, kind: System.Diagnostics.ActivityKind.Client))
        {
            try
            {
                receipt = await bank.RequestAsync(message, ct);
            }
            catch (Exception e)
            {
                activity.Fail(e);
                if (e is not OperationCanceledException) CaseEventLog.AdapterFailure(Logger, e, c.Id, "bank", nameof(DisbursementRequested));
                throw;
            }
        }
        if (receipt is not null)
        {
            statusChanges.Disbursed(c, receipt.BankReference, receipt.AmountFen, receipt.DisbursedAt, receipt.ReportedBy, "bank", client: null, announce: true);
        }
    }
}
