namespace OneThing.Storage.Configuration;

/// <summary>How long a store call may take before the caller gets a fast, typed "unavailable".</summary>
public sealed class StoreResilienceOptions
{
    /// <summary>One attempt is abandoned after this long (a hung connection counts as a failure).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>All attempts and back-off delays together never exceed this.</summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; doubled per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The Retry-After hint handed to clients when the store is unavailable.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
