using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.PostSeal.Consumers;

/// <summary>A sealed case goes on to mortgage registration.</summary>
public sealed class CaseSealedConsumer(SigningDbContext db, CaseStatusChanges statusChanges, ILogger<CaseSealedConsumer> logger)
    : IdempotentCaseConsumer<CaseSealed>(db, logger)
{
    protected override Task HandleAsync(SigningCase c, CaseSealed message, CancellationToken ct)
    {
        if (c.Status == CaseStatus.Sealed) statusChanges.RegistrationRequested(c);
        else Skip(c, message);
        return Task.CompletedTask;
    }
}
