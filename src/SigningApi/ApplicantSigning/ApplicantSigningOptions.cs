using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.ApplicantSigning;

/// <summary><c>OneThing:Signing</c>, the applicant's part: what they agree to and how their signature is taken.</summary>
public sealed class ApplicantSigningOptions
{
    public const string SectionName = "OneThing:Signing";

    /// <summary>The consent text an applicant must send back exactly (intent verification, 意愿认证).</summary>
    public string ConsentText { get; set; } =
        "本人已完整阅读并理解上述全部合同条款，确认以电子签名方式签署，电子签名与手写签名或者盖章具有同等的法律效力。";

    public int MaxHandwritingBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// How long a two-phase (on-device) signature may wait between prepare and complete; the certificate
    /// issued at prepare is valid no longer than this.
    /// </summary>
    public TimeSpan DeviceSigningWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Memory all prepared two-phase signatures of this instance may hold together (each holds its
    /// case's prepared documents, ~1 MB); beyond it, prepare answers 503 until some complete or expire.
    /// </summary>
    public long DeviceSigningMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Handwriting uploads read and decoded at the same moment on one instance: a 4000×4000 PNG decodes
    /// to 64 MB of pixels, so the number in flight bounds that memory.
    /// </summary>
    public int HandwritingDecodeConcurrency { get; set; } = 2;

    /// <summary>Uploads that may wait for a decoding turn; beyond it, 503 with Retry-After.</summary>
    public int HandwritingDecodeQueueLimit { get; set; } = 8;

    /// <summary>Two-phase prepares (each issues a certificate) one party may make per <see cref="DevicePrepareWindow"/>; beyond it, 429.</summary>
    public int DevicePreparesPerWindow { get; set; } = 5;

    public TimeSpan DevicePrepareWindow { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class ApplicantSigningOptionsValidator : IValidateOptions<ApplicantSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicantSigningOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.ConsentText)) failures.Add("ConsentText must not be empty");
        if (o.MaxHandwritingBytes is < 1024 or > 5 * 1024 * 1024) failures.Add("MaxHandwritingBytes must be between 1 KB and 5 MB");
        if (o.DeviceSigningWindow <= TimeSpan.Zero || o.DeviceSigningWindow > TimeSpan.FromHours(1)) failures.Add("DeviceSigningWindow must be between 0 and 1 hour");
        if (o.DeviceSigningMemoryBytes is < 1024 * 1024 or > 64L * 1024 * 1024 * 1024) failures.Add("DeviceSigningMemoryBytes must be between 1 MB and 64 GB");
        if (o.DevicePreparesPerWindow is < 1 or > 1000) failures.Add("DevicePreparesPerWindow must be between 1 and 1000");
        if (o.DevicePrepareWindow < TimeSpan.FromSeconds(1) || o.DevicePrepareWindow > TimeSpan.FromDays(1)) failures.Add("DevicePrepareWindow must be between 1 second and 1 day");
        if (o.HandwritingDecodeConcurrency is < 1 or > 64) failures.Add("HandwritingDecodeConcurrency must be between 1 and 64");
        if (o.HandwritingDecodeQueueLimit is < 0 or > 10_000) failures.Add("HandwritingDecodeQueueLimit must be between 0 and 10000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
