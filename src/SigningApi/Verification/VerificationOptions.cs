using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Verification;

/// <summary><c>OneThing:Signing</c>, verification's part: the largest upload it reads and how many verifications run at once.</summary>
public sealed class VerificationOptions
{
    public const string SectionName = "OneThing:Signing";

    /// <summary>Largest PDF accepted by the verify endpoint.</summary>
    public long MaxVerifyUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Verifications running at the same moment on one instance. Each holds its upload in memory
    /// (at most <see cref="MaxVerifyUploadBytes"/>) plus the reader's bounded decoded streams, and uses a core.
    /// </summary>
    public int VerifyConcurrency { get; set; } = 2;

    /// <summary>Verifications that may wait for a turn (holding only their connection, not their upload); beyond it, 503 with Retry-After.</summary>
    public int VerifyQueueLimit { get; set; } = 8;

    /// <summary>Verifications one caller (token subject) may request per <see cref="VerifyWindow"/>; beyond it, 429.</summary>
    public int VerifyRequestsPerWindow { get; set; } = 30;

    public TimeSpan VerifyWindow { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class VerificationOptionsValidator : IValidateOptions<VerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, VerificationOptions o)
    {
        var failures = new List<string>();
        if (o.MaxVerifyUploadBytes is < 1024 or > 200L * 1024 * 1024) failures.Add("MaxVerifyUploadBytes must be between 1 KB and 200 MB");
        if (o.VerifyConcurrency is < 1 or > 256) failures.Add("VerifyConcurrency must be between 1 and 256");
        if (o.VerifyQueueLimit is < 0 or > 10_000) failures.Add("VerifyQueueLimit must be between 0 and 10000");
        if (o.VerifyRequestsPerWindow is < 1 or > 1_000_000) failures.Add("VerifyRequestsPerWindow must be between 1 and 1000000");
        if (o.VerifyWindow < TimeSpan.FromSeconds(1) || o.VerifyWindow > TimeSpan.FromHours(24)) failures.Add("VerifyWindow must be between 1 second and 24 hours");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
