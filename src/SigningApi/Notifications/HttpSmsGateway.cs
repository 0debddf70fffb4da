using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Problems;

namespace OneThing.SigningApi.Notifications;

/// <summary>
/// Hands each message to the centre's SMS gateway (<see cref="SmsOptions.Url"/>). A gateway that does
/// not take it is a 503 for the caller: the signer got nothing, so the request must not look done.
/// The text carries a signing link or code, so neither it nor the number is logged.
/// </summary>
internal sealed class HttpSmsGateway(IHttpClientFactory clients, IOptions<SmsOptions> options, ILogger<HttpSmsGateway> logger) : ISmsSender
{
    public const string HttpClientName = "OneThing.Sms";

    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url) { Content = JsonContent.Create(new SmsMessage(phone, text)) };
        if (!string.IsNullOrEmpty(o.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode) return;
            logger.LogWarning("The SMS gateway refused a message to {Phone}: {Status}", PhoneMask.Mask(phone), (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("The SMS gateway could not be reached for a message to {Phone}: {Error}", PhoneMask.Mask(phone), e.Message);
        }
        throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "SMS gateway unavailable",
            "The message to the signer's phone could not be sent; retry later.", "sms-unavailable",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = 30 });
    }

    private sealed record SmsMessage(string Phone, string Text);
}
