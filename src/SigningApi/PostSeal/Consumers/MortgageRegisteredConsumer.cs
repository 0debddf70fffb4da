using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.PostSeal.Consumers;

/// <summary>
/// A registered mortgage (announced by the registry itself or by OneThing's adapter) moves the case
/// on to the bank's disbursement.
/// </summary>
public sealed class MortgageRegisteredConsumer(SigningDbContext db, CaseStatusChanges statusChanges, ILogger<MortgageRegisteredConsumer> logger)
    : IdempotentCaseConsumer<MortgageRegistered>(db, logger)
{
    protected override Task HandleAsync(SigningCase c, MortgageRegistered message, CancellationToken ct)
    {
        if (c.Status == CaseStatus.MortgageRegistrationRequested)
        {
            // The registry answered on the bus: record it (without echoing its event back).
            statusChanges.Registered(c, message.RegistrationNumber, message.Registry, announce: false);
        }
        if (c.Status == CaseStatus.MortgageRegistered) statusChanges.DisbursementRequested(c, message.RegistrationNumber);
        else Skip(c, message);
        return Task.CompletedTask;
    }
}
