using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.PostSeal.Adapters;

/// <summary>
/// The real-estate registry (不动产登记中心). Returns the registration when the registry answers
/// within the call, or null when its answer arrives later as a <see cref="MortgageRegistered"/> event.
/// Must be idempotent by case id: a redelivered request may be submitted again.
/// </summary>
public interface IMortgageRegistry
{
    Task<MortgageRegistrationReceipt?> SubmitAsync(MortgageRegistrationRequested request, CancellationToken ct);
}

public sealed record MortgageRegistrationReceipt(string RegistrationNumber, string Registry, DateTimeOffset RegisteredAt);
