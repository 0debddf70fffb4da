using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Notifications;

// Each runs on its own queue beside the workflow's consumer of the same event, so a slow or failing SMS
// gateway never holds up registration or disbursement. The SMS are handed to the sender before this
// message is marked handled: a crash in between sends them again on redelivery (at least once), which
// for a notice beats losing it.

/// <summary>The centre sealed the case: every applicant learns it and what comes next.</summary>
public sealed class CaseSealedSmsConsumer(SigningDbContext db, ApplicantProgressSms notices, ILogger<CaseSealedSmsConsumer> logger)
    : IdempotentCaseConsumer<CaseSealed>(db, logger)
{
    protected override Task HandleAsync(SigningCase c, CaseSealed message, CancellationToken ct) => notices.SealedAsync(c, ct);
}

/// <summary>The bank disbursed the loan (reported by adapter, API or the bank's own event): every applicant learns it.</summary>
public sealed class LoanDisbursedSmsConsumer(SigningDbContext db, ApplicantProgressSms notices, ILogger<LoanDisbursedSmsConsumer> logger)
    : IdempotentCaseConsumer<LoanDisbursed>(db, logger)
{
    protected override Task HandleAsync(SigningCase c, LoanDisbursed message, CancellationToken ct)
    {
        // A bank's report for a case whose disbursement was never requested is ignored by the workflow: no notice either.
        if (c.Status is not (CaseStatus.DisbursementRequested or CaseStatus.Disbursed or CaseStatus.Completed))
        {
            Skip(c, message);
            return Task.CompletedTask;
        }
        return notices.DisbursedAsync(c, message.AmountFen, message.DisbursedAt, ct);
    }
}
