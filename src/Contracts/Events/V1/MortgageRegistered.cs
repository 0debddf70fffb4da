namespace OneThing.Contracts.Events.V1;

/// <summary>The registry registered the mortgage. Published by the registry (or its adapter) and by OneThing once recorded.</summary>
/// <param name="RegistrationNumber">The registry's certificate of other rights (不动产登记证明) number.</param>
/// <param name="Registry">Who registered it (a simulator says so here).</param>
public sealed record MortgageRegistered(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string RegistrationNumber,
    string Registry) : ICaseEvent;
