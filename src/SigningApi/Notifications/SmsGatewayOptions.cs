using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Notifications;

public enum SmsProvider
{
    /// <summary>Development: messages kept in the case database, listed by GET /api/v1/dev/sms.</summary>
    Simulated,

    /// <summary>A Kannel gateway's HTTP send interface (smsbox /cgi-bin/sendsms), through an outbox with retries.</summary>
    Kannel,
}

/// <summary>Where SMS go (<c>OneThing:Sms</c>; the texts themselves are <see cref="Core.SmsTextOptions"/> in the same section).</summary>
public sealed class SmsGatewayOptions
{
    public const string SectionName = "OneThing:Sms";

    public SmsProvider Provider { get; set; } = SmsProvider.Simulated;

    public KannelOptions Kannel { get; set; } = new();

    public SmsOutboxOptions Outbox { get; set; } = new();
}

public sealed class KannelOptions
{
    /// <summary>smsbox's send URL, e.g. <c>http://sms-gw.internal:13013/cgi-bin/sendsms</c>.</summary>
    public string? SendUrl { get; set; }

    /// <summary>A <c>sendsms-user</c> of the gateway.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender number the operator assigned (e.g. a 106… service number); empty: the gateway's default.</summary>
    public string? From { get; set; }

    /// <summary>
    /// This service's address as the gateway reaches it, for delivery reports
    /// (<c>{DeliveryReportBaseUrl}/api/v1/sms/delivery-reports/…</c>); empty: <c>OneThing:PublicBaseUrl</c>.
    /// </summary>
    public string? DeliveryReportBaseUrl { get; set; }

    /// <summary>Kannel dlr-mask: 1 delivered, 2 undeliverable, 4 buffered, 8 accepted by the operator, 16 rejected by it.</summary>
    public int DeliveryReportMask { get; set; } = 31;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class SmsOutboxOptions
{
    /// <summary>How often the outbox is read when nothing signalled a new message.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per message before it is marked failed (the officer can re-invite).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First pause after a failed attempt; doubled each time up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an instance holds a message it is sending; another instance takes it over after that.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Codes and links go stale: a message not sent within this time is given up, not sent late.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class SmsGatewayOptionsValidator : IValidateOptions<SmsGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsGatewayOptions o)
    {
        var failures = new List<string>();
        if (o.Provider == SmsProvider.Kannel)
        {
            var k = o.Kannel;
            if (!Uri.TryCreate(k.SendUrl, UriKind.Absolute, out var send) || send.Scheme is not ("http" or "https"))
                failures.Add("Kannel:SendUrl must be the gateway's absolute http(s) sendsms URL");
            if (string.IsNullOrWhiteSpace(k.Username) || string.IsNullOrEmpty(k.Password))
                failures.Add("Kannel:Username and Kannel:Password (a sendsms-user of the gateway) are required");
            if (!string.IsNullOrEmpty(k.DeliveryReportBaseUrl) && !Uri.TryCreate(k.DeliveryReportBaseUrl, UriKind.Absolute, out _))
                failures.Add("Kannel:DeliveryReportBaseUrl must be an absolute URL");
            if (k.DeliveryReportMask is < 0 or > 31) failures.Add("Kannel:DeliveryReportMask must be 0 to 31");
            if (k.RequestTimeout <= TimeSpan.Zero) failures.Add("Kannel:RequestTimeout must be positive");
        }
        var b = o.Outbox;
        if (b.PollInterval <= TimeSpan.Zero) failures.Add("Outbox:PollInterval must be positive");
        if (b.MaxAttempts < 1) failures.Add("Outbox:MaxAttempts must be at least 1");
        if (b.RetryDelay <= TimeSpan.Zero || b.MaxRetryDelay < b.RetryDelay) failures.Add("Outbox:RetryDelay must be positive and at most Outbox:MaxRetryDelay");
        if (b.ClaimLease <= TimeSpan.Zero) failures.Add("Outbox:ClaimLease must be positive");
        if (b.GiveUpAfter <= TimeSpan.Zero) failures.Add("Outbox:GiveUpAfter must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
