using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.PostSeal.Consumers;

/// <summary>
/// A disbursed loan completes the case: the sealed evidence report is produced and stored with the
/// Completed transition. A bank publishing <see cref="LoanDisbursed"/> itself is recorded first.
/// </summary>
public sealed class LoanDisbursedConsumer(SigningDbContext db, CaseStatusChanges statusChanges, IEvidenceReport evidence, CaseSigningGate gate, ILogger<LoanDisbursedConsumer> logger)
    : IdempotentCaseConsumer<LoanDisbursed>(db, logger)
{
    private bool _completed;

    /// <summary>The evidence report is a new document of the case.</summary>
    protected override async Task<CaseTurn?> EnterTurnAsync(Guid caseId, CancellationToken ct) => await gate.EnterAsync(caseId, ct);

    protected override async Task HandleAsync(SigningCase c, LoanDisbursed message, CancellationToken ct)
    {
        if (c.Status == CaseStatus.DisbursementRequested)
        {
            statusChanges.Disbursed(c, message.BankReference, message.AmountFen, message.DisbursedAt, message.ReportedBy, "bank", client: null, announce: false);
        }
        if (c.Status != CaseStatus.Disbursed)
        {
            Skip(c, message);
            return;
        }
        // The report's own step must be in the trail it lists, so it is recorded before the report is drawn.
        var report = await evidence.CreateAsync(c, Turn!, ct);
        statusChanges.Completed(c, report);
        _completed = true;
    }

    protected override void Committed(SigningCase c, LoanDisbursed message)
    {
        if (_completed) CaseEventLog.CaseCompleted(Logger, c.Id);
    }
}
