using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Verification;

/// <summary><c>OneThing:Signing</c>, verification's part: the largest upload it reads.</summary>
public sealed class VerificationOptions
{
    public const string SectionName = "OneThing:Signing";

    /// <summary>Largest PDF accepted by the verify endpoint.</summary>
    public long MaxVerifyUploadBytes { get; set; } = 20 * 1024 * 1024;
}

public sealed class VerificationOptionsValidator : IValidateOptions<VerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, VerificationOptions o) =>
        o.MaxVerifyUploadBytes is < 1024 or > 200L * 1024 * 1024
            ? ValidateOptionsResult.Fail("MaxVerifyUploadBytes must be between 1 KB and 200 MB")
            : ValidateOptionsResult.Success;
}
