using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.PostSeal.Adapters;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.PostSeal.Consumers;

/// <summary>Hands the registration request to the registry adapter and records its answer when it gives one now.</summary>
public sealed class MortgageRegistrationRequestedConsumer(SigningDbContext db, IMortgageRegistry registry, CaseStatusChanges statusChanges, ILogger<MortgageRegistrationRequestedConsumer> logger)
    : IdempotentCaseConsumer<MortgageRegistrationRequested>(db, logger)
{
    protected override async Task HandleAsync(SigningCase c, MortgageRegistrationRequested message, CancellationToken ct)
    {
        if (c.Status != CaseStatus.MortgageRegistrationRequested)
        {
            Skip(c, message);
            return;
        }
        MortgageRegistrationReceipt? receipt;
        using (var activity = OneThingActivity.Start("registry-submit", c.Id, kind: System.Diagnostics.ActivityKind.Client))
        {
            try
            {
                receipt = await registry.SubmitAsync(message, ct);
            }
            catch (Exception e)
            {
                activity.Fail(e);
                if (e is not OperationCanceledException) CaseEventLog.AdapterFailure(Logger, e, c.Id, "mortgage registry", nameof(MortgageRegistrationRequested));
                throw;
            }
        }
        if (receipt is not null) statusChanges.Registered(c, receipt.RegistrationNumber, receipt.Registry, announce: true);
    }
}
