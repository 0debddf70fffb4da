using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Workflow.Adapters;

namespace OneThing.SigningApi.Workflow.Consumers;

/// <summary>Hands the disbursement request to the bank adapter and records the disbursement when it answers now.</summary>
public sealed class DisbursementRequestedConsumer(SigningDbContext db, IBankDisbursement bank, PostSealSteps steps, ILogger<DisbursementRequestedConsumer> logger)
    : IdempotentCaseConsumer<DisbursementRequested>(db, logger)
{
    protected override async Task HandleAsync(SigningCase c, DisbursementRequested message, CancellationToken ct)
    {
        if (c.Status != CaseStatus.DisbursementRequested)
        {
            Skip(c, message);
            return;
        }
        var receipt = await bank.RequestAsync(message, ct);
        if (receipt is not null)
        {
            steps.RecordDisbursed(Db, c, receipt.BankReference, receipt.AmountFen, receipt.DisbursedAt, receipt.ReportedBy, "bank", client: null, announce: true);
        }
    }
}
