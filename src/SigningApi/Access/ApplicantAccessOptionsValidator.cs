using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Access;

public sealed class ApplicantAccessOptionsValidator : IValidateOptions<ApplicantAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, ApplicantAccessOptions o)
    {
        var failures = new List<string>();
        if (o.LinkLifetime <= TimeSpan.Zero) failures.Add("LinkLifetime must be positive");
        if (o.MaxIdentityFailures < 1) failures.Add("MaxIdentityFailures must be at least 1");
        if (o.CodeLifetime <= TimeSpan.Zero || o.CodeLifetime > TimeSpan.FromMinutes(15)) failures.Add("CodeLifetime must be between 0 and 15 minutes");
        if (o.MaxCodeAttempts < 1) failures.Add("MaxCodeAttempts must be at least 1");
        if (o.CodeResendCooldown < TimeSpan.Zero) failures.Add("CodeResendCooldown must not be negative");
        if (o.MaxCodeFailuresPerLink < 1) failures.Add("MaxCodeFailuresPerLink must be at least 1");
        if (o.MaxCodesPerLink < 1) failures.Add("MaxCodesPerLink must be at least 1");
        if (o.ChecksPerWindow < 1) failures.Add("ChecksPerWindow must be at least 1");
        if (o.CheckWindow <= TimeSpan.Zero) failures.Add("CheckWindow must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
