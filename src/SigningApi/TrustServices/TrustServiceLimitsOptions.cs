using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.TrustServices;

/// <summary>
/// <c>OneThing:TrustServices</c>: how much of the anonymous <c>/tsa</c> and <c>/pki/ocsp</c> one client
/// may use, and how many of those requests may sign at once. Both sign with keys the centre's own
/// signatures need, so a flood from the internet must queue behind a small cap instead of starving signing.
/// </summary>
public sealed class TrustServiceLimitsOptions
{
    public const string SectionName = "OneThing:TrustServices";

    /// <summary>Timestamp and OCSP requests one client address may send per <see cref="Window"/> (each service counted apart).</summary>
    public int RequestsPerWindow { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timestamp or OCSP responses being signed at the same moment, per service and instance.</summary>
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>Requests that may wait for a turn; beyond it, 503 with Retry-After.</summary>
    public int QueueLimit { get; set; } = 32;
}

public sealed class TrustServiceLimitsOptionsValidator : IValidateOptions<TrustServiceLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustServiceLimitsOptions o)
    {
        var failures = new List<string>();
        if (o.RequestsPerWindow is < 1 or > 1_000_000) failures.Add("RequestsPerWindow must be between 1 and 1000000");
        if (o.Window < TimeSpan.FromSeconds(1) || o.Window > TimeSpan.FromHours(1)) failures.Add("Window must be between 1 second and 1 hour");
        if (o.MaxConcurrent is < 1 or > 1024) failures.Add("MaxConcurrent must be between 1 and 1024");
        if (o.QueueLimit is < 0 or > 100_000) failures.Add("QueueLimit must be between 0 and 100000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
