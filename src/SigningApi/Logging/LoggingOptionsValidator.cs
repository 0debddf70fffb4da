using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Logging;

internal sealed class LoggingOptionsValidator : IValidateOptions<LoggingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoggingOptions o) =>
        Enum.IsDefined(o.Format) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("Format must be plain or json");
}
