using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core.Configuration;

public sealed class OneThingOptionsValidator : IValidateOptions<OneThingOptions>
{
    public ValidateOptionsResult Validate(string? name, OneThingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("DataDirectory must not be empty");
        }
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            failures.Add($"PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http(s) URL");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
