using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.PostSeal.Adapters;

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
        var receipt = await AdapterCall.RunAsync("registry-submit", "mortgage registry", nameof(MortgageRegistrationRequested), c.Id, Logger, () => registry.SubmitAsync(message, ct));
        if (receipt is not null) statusChanges.Registered(c, receipt.RegistrationNumber, receipt.Registry, announce: true);
    }
}
