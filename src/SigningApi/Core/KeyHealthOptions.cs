using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core;

/// <summary><c>OneThing:Health</c>: how often the keys are checked by signing with each (the readiness probe reports the last result).</summary>
public sealed class KeyHealthOptions
{
    public const string SectionName = "OneThing:Health";

    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class KeyHealthOptionsValidator : IValidateOptions<KeyHealthOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyHealthOptions o) =>
        o.KeyCheckInterval < TimeSpan.FromSeconds(1) || o.KeyCheckInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("KeyCheckInterval must be between 1 second and 1 hour")
            : ValidateOptionsResult.Success;
}
