using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Workflow.Consumers;

/// <summary>A sealed case goes on to mortgage registration.</summary>
public sealed class CaseSealedConsumer(SigningDbContext db, PostSealSteps steps, ILogger<CaseSealedConsumer> logger)
    : IdempotentCaseConsumer<CaseSealed>(db, logger)
{
    protected override Task HandleAsync(SigningCase c, CaseSealed message, CancellationToken ct)
    {
        if (c.Status == CaseStatus.Sealed) steps.RequestRegistration(Db, c);
        else Skip(c, message);
        return Task.CompletedTask;
    }
}
