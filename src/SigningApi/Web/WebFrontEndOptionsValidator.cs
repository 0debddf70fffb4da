using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Web;

public sealed class WebFrontEndOptionsValidator : IValidateOptions<WebFrontEndOptions>
{
    public ValidateOptionsResult Validate(string? name, WebFrontEndOptions o)
    {
        var csp = o.ContentSecurityPolicy ?? "";
        // The pages are written for a policy without inline code; a policy that re-allows it defeats the point.
        if (string.IsNullOrWhiteSpace(csp)) return ValidateOptionsResult.Fail("Web:ContentSecurityPolicy must not be empty");
        if (csp.Contains("'unsafe-inline'", StringComparison.OrdinalIgnoreCase) || csp.Contains("'unsafe-eval'", StringComparison.OrdinalIgnoreCase))
            return ValidateOptionsResult.Fail("Web:ContentSecurityPolicy must not allow 'unsafe-inline' or 'unsafe-eval'");
        if (csp.Contains('\n') || csp.Contains('\r')) return ValidateOptionsResult.Fail("Web:ContentSecurityPolicy must be one line");
        return ValidateOptionsResult.Success;
    }
}
