using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.PostSeal.Adapters;

/// <summary>
/// Production: the registry's own integration subscribes to <see cref="MortgageRegistrationRequested"/>
/// on the broker and answers by publishing <see cref="MortgageRegistered"/>; nothing is called here.
/// </summary>
public sealed class ExternalMortgageRegistry(ILogger<ExternalMortgageRegistry> logger) : IMortgageRegistry
{
    public Task<MortgageRegistrationReceipt?> SubmitAsync(MortgageRegistrationRequested request, CancellationToken ct)
    {
        logger.LogInformation("Mortgage registration of case {Case} requested on the bus; waiting for the registry's MortgageRegistered", request.CaseId);
        return Task.FromResult<MortgageRegistrationReceipt?>(null);
    }
}
