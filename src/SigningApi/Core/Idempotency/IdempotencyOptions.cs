using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core.Idempotency;

/// <summary><c>OneThing:Idempotency</c>: how long keys are kept and how a running request holds its key.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "OneThing:Idempotency";

    /// <summary>How long a key and its stored response are kept (replayable); then the sweep removes them. Default 24 h.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a running request's claim on its key lasts without renewal. The instance running it
    /// renews it every third of this; a claim whose instance died lapses within this time and a retry
    /// on another instance takes it over. Default 10 s.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a request that has done its work waits for the database to store its outcome under the key
    /// (a restart or failover in between). Default 30 s.
    /// </summary>
    public TimeSpan SettleBudget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sweep of expired keys runs (on one instance at a time). Default 10 min.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class IdempotencyOptionsValidator : IValidateOptions<IdempotencyOptions>
{
    public ValidateOptionsResult Validate(string? name, IdempotencyOptions options)
    {
        var errors = new List<string>();
        const string p = IdempotencyOptions.SectionName;
        if (options.Retention < TimeSpan.FromMinutes(1)) errors.Add($"{p}:Retention must be at least 00:01:00 (clients retry within it).");
        if (options.ClaimLease < TimeSpan.FromSeconds(1) || options.ClaimLease > TimeSpan.FromMinutes(10))
            errors.Add($"{p}:ClaimLease must be between 00:00:01 and 00:10:00.");
        if (options.SettleBudget < TimeSpan.Zero || options.SettleBudget > TimeSpan.FromMinutes(5))
            errors.Add($"{p}:SettleBudget must be between 00:00:00 and 00:05:00.");
        if (options.SweepInterval < TimeSpan.FromSeconds(1)) errors.Add($"{p}:SweepInterval must be at least 00:00:01.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
