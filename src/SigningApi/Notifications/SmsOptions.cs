using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Notifications;

public enum SmsGateway
{
    /// <summary>Development only: messages are kept in memory and shown by <c>GET /api/v1/dev/sms</c>.</summary>
    Simulated,

    /// <summary>The centre's SMS gateway over HTTPS: one JSON POST per message.</summary>
    Http,
}

/// <summary><c>OneThing:Sms</c>: how links and one-time codes reach the signers' phones.</summary>
public sealed class SmsOptions
{
    public const string SectionName = "OneThing:Sms";

    public SmsGateway Gateway { get; set; } = SmsGateway.Simulated;

    /// <summary>The gateway's send address; it receives <c>{"phone": "…", "text": "…"}</c> and answers 2xx once it took the message.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set (from a secret store, never in a file under version control).</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

internal sealed class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Gateway)) failures.Add("Gateway must be Simulated or Http");
        if (options.Gateway == SmsGateway.Http
            && (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Gateway Http needs Url, an absolute http(s) URL (got '{options.Url}')");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(1)) failures.Add("Timeout must be between 0 and 1 minute");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
