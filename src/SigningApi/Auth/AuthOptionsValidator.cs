using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Auth;

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Authority) && !string.IsNullOrWhiteSpace(options.JwksUrl))
        {
            failures.Add("set Authority or JwksUrl, not both");
        }
        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            failures.Add($"Authority '{options.Authority}' is not an absolute URL");
        }
        else if (!string.IsNullOrWhiteSpace(options.Authority) && IsPlainHttp(options.Authority) && options.RequireHttpsMetadata)
        {
            // JwtBearer would start and then answer 500 on every request, health probes included.
            failures.Add($"Authority '{options.Authority}' is not HTTPS; use the issuer's https address (RequireHttpsMetadata=false only for a local test issuer)");
        }
        if (!string.IsNullOrWhiteSpace(options.JwksUrl))
        {
            if (!Uri.TryCreate(options.JwksUrl, UriKind.Absolute, out _))
            {
                failures.Add($"JwksUrl '{options.JwksUrl}' is not an absolute URL");
            }
            else if (IsPlainHttp(options.JwksUrl) && options.RequireHttpsMetadata)
            {
                failures.Add($"JwksUrl '{options.JwksUrl}' is not HTTPS; use the issuer's https address (RequireHttpsMetadata=false only for a local test issuer)");
            }
            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add("JwksUrl needs Issuer (the expected iss of staff tokens)");
            }
        }
        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.CentreClaim) || string.IsNullOrWhiteSpace(options.BankClaim))
        {
            failures.Add("RoleClaim, CentreClaim and BankClaim must name claims");
        }
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Audience must not be empty");
        }
        if (!options.IsEmbedded)
        {
            if (string.IsNullOrWhiteSpace(options.ApplicantTokenKey))
            {
                failures.Add("an external issuer needs ApplicantTokenKey (base64, at least 32 bytes) shared by every instance");
            }
            else if (!IsLongEnoughBase64(options.ApplicantTokenKey))
            {
                failures.Add("ApplicantTokenKey must be base64 of at least 32 bytes");
            }
        }
        if (options.ApplicantTokenLifetime <= TimeSpan.Zero || options.ApplicantTokenLifetime > TimeSpan.FromHours(2))
        {
            failures.Add("ApplicantTokenLifetime must be between 0 and 2 hours");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPlainHttp(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp;

    private static bool IsLongEnoughBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
