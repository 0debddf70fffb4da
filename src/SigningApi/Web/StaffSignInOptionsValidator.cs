using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Web;

/// <param name="apiAcceptsExternalTokens">Whether OneThing:Auth names an external issuer: a page signed in elsewhere is useless otherwise.</param>
public sealed class StaffSignInOptionsValidator(bool apiAcceptsExternalTokens) : IValidateOptions<StaffSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffSignInOptions o)
    {
        var failures = new List<string>();
        if (o.IsConfigured)
        {
            if (!Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                failures.Add($"Authority '{o.Authority}' is not an absolute http(s) URL");
            if (!apiAcceptsExternalTokens)
                failures.Add("Authority is set but the API trusts only the development issuer: set OneThing:Auth:Authority (or JwksUrl) to the same provider");
            if (string.IsNullOrWhiteSpace(o.ClientId))
                failures.Add("ClientId is required with an OpenID Connect authority (the public client registered for /console and /verify)");
            if (string.IsNullOrWhiteSpace(o.Scope))
                failures.Add("Scope is required with an OpenID Connect authority (e.g. \"openid profile onething-api\")");
            else if (!o.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
                failures.Add($"Scope '{o.Scope}' must include openid");
        }
        else if (!string.IsNullOrWhiteSpace(o.ClientId) || !string.IsNullOrWhiteSpace(o.Scope))
        {
            failures.Add("ClientId/Scope are set but there is no Authority (OneThing:Web:SignIn:Authority or OneThing:Auth:Authority)");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
