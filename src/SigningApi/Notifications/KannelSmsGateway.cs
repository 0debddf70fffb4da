using System.Net;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Notifications;

/// <summary>What the gateway said to one send attempt.</summary>
public sealed record GatewayAnswer(bool Accepted, bool Retriable, string Detail);

/// <summary>
/// Kannel's HTTP send interface (smsbox <c>/cgi-bin/sendsms</c>): one GET per message, UCS-2 so Chinese
/// text arrives intact, with a dlr-url that brings the operator's delivery reports back to this service.
/// Kannel answers 202 "0: Accepted for delivery" or "3: Queued for later delivery"; 4xx means the request
/// itself is wrong (credentials, number), which no retry fixes; 5xx or no answer is retried.
/// </summary>
public sealed class KannelSmsGateway(HttpClient http, IOptions<SmsGatewayOptions> options, IOptions<OneThingOptions> root)
{
    public const string DeliveryReportPath = "/api/v1/sms/delivery-reports";

    public async Task<GatewayAnswer> SendAsync(SmsOutboxMessage message, CancellationToken cancellationToken)
    {
        var k = options.Value.Kannel;
        var reportBase = (string.IsNullOrEmpty(k.DeliveryReportBaseUrl) ? root.Value.PublicBaseUrl : k.DeliveryReportBaseUrl).TrimEnd('/');
        // %d is Kannel's placeholder for the report type; the token proves the report comes from the gateway that got the message.
        var dlrUrl = $"{reportBase}{DeliveryReportPath}/{message.Id}?token={message.ReportToken}&type=%d";
        var query = new List<KeyValuePair<string, string>>
        {
            new("username", k.Username!),
            new("password", k.Password!),
            new("to", message.Phone),
            new("text", message.Text),
            new("charset", "UTF-8"),
            new("coding", "2"),
            new("dlr-mask", k.DeliveryReportMask.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("dlr-url", dlrUrl),
        };
        if (!string.IsNullOrEmpty(k.From)) query.Add(new("from", k.From));
        var url = k.SendUrl + (k.SendUrl!.Contains('?', StringComparison.Ordinal) ? "&" : "?") +
                  string.Join("&", query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(k.RequestTimeout);
        try
        {
            using var response = await http.GetAsync(url, timeout.Token);
            var body = (await response.Content.ReadAsStringAsync(timeout.Token)).Trim();
            body = body.Length > 200 ? body[..200] : body;
            if (response.StatusCode == HttpStatusCode.Accepted || (response.IsSuccessStatusCode && (body.StartsWith("0:", StringComparison.Ordinal) || body.StartsWith("3:", StringComparison.Ordinal))))
                return new GatewayAnswer(true, false, body);
            var status = (int)response.StatusCode;
            return new GatewayAnswer(false, status is >= 500 or 429 or 408, $"{status} {body}");
        }
        catch (HttpRequestException e)
        {
            return new GatewayAnswer(false, true, "gateway unreachable: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GatewayAnswer(false, true, $"no answer within {k.RequestTimeout}");
        }
    }
}
