using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneThing.LoadDriver;

/// <summary>
/// The service's endpoints as the load needs them (embedded mode: development token issuer and SMS outbox),
/// on one instance or through the cluster's proxy. Like the centre's clients it retries what is safe to
/// retry: every POST carries an Idempotency-Key, and a retry after a reset connection, 502/503/504 or
/// 409 idempotency-in-progress sends the same key, so the service does the step once.
/// The HttpClient must not keep cookies itself (UseCookies = false): each applicant is a phone of its
/// own with its own cookies (<see cref="ForDevice"/>). One jar for every simulated phone lost sessions:
/// .NET keeps at most 20 cookies per host and evicts a cookie that was set but not yet sent first,
/// so another applicant's identity check removed this one's access-session cookie before its code step.
/// </summary>
public sealed partial class ServiceClient(HttpClient http, CookieContainer? cookies = null, RetriableErrors? retried = null)
{
    private const int MaxAttempts = 10;

    /// <summary>Retried errors by kind; each retried request either succeeded later or failed its case.</summary>
    public RetriableErrors Retried { get; } = retried ?? new();

    /// <summary>A client for one applicant's phone: the same connections and counts, cookies of its own.</summary>
    public ServiceClient ForDevice() => new(http, new CookieContainer(), Retried);

    public async Task<string> StaffTokenAsync(string role, string subject, CancellationToken ct)
    {
        var body = new
        {
            subject,
            roles = new[] { role },
            centre = role is "loan-officer" or "seal-officer" ? "12510600MB0K3C2D4E" : null,
        };
        return (await SendAsync(HttpMethod.Post, "/api/v1/dev/tokens", null, body, ct))["accessToken"]!.GetValue<string>();
    }

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, string? token, object? json, CancellationToken ct, HttpContent? content = null)
    {
        // One key for every attempt of this step: that is what makes the retry safe.
        var key = Guid.NewGuid().ToString();
        var body = content is null ? null : await content.ReadAsByteArrayAsync(ct);
        var (status, text) = await WithRetriesAsync(method, path, () =>
        {
            var request = new HttpRequestMessage(method, path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (method != HttpMethod.Get) request.Headers.Add("Idempotency-Key", key);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = content!.Headers.ContentType;
            }
            else if (json is not null) request.Content = JsonContent.Create(json);
            return request;
        }, ct);
        if (status is < 200 or > 299) throw new InvalidOperationException($"{method} {path}: {status} {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public async Task GetBytesAsync(string path, string token, CancellationToken ct)
    {
        var (status, text) = await WithRetriesAsync(HttpMethod.Get, path, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, ct, readBody: false);
        if (status is < 200 or > 299) throw new InvalidOperationException($"GET {path}: {status} {text}");
    }

    /// <summary>
    /// Sends until the answer is not a retriable error, at most <see cref="MaxAttempts"/> times with a
    /// growing pause (or the Retry-After the service gives, up to 5 s). Returns the status and body text
    /// (the body only when <paramref name="readBody"/> or the answer is an error).
    /// </summary>
    private async Task<(int Status, string Text)> WithRetriesAsync(HttpMethod method, string path, Func<HttpRequestMessage> create, CancellationToken ct, bool readBody = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            string kind;
            TimeSpan? retryAfter = null;
            try
            {
                using var request = create();
                var uri = new Uri(http.BaseAddress!, path);
                if (cookies?.GetCookieHeader(uri) is { Length: > 0 } cookie) request.Headers.Add("Cookie", cookie);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                if (cookies is not null && response.Headers.TryGetValues("Set-Cookie", out var set))
                {
                    foreach (var header in set) cookies.SetCookies(uri, header);
                }
                var status = (int)response.StatusCode;
                var text = readBody || !response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(ct) : "";
                kind = RetriableKind(status, text);
                if (kind.Length == 0) return (status, text);
                retryAfter = response.Headers.RetryAfter?.Delta;
                if (attempt >= MaxAttempts) return (status, text);
            }
            catch (HttpRequestException e) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                // Refused or reset: the instance died before or while answering.
                kind = "connection " + (e.HttpRequestError == HttpRequestError.Unknown ? "error" : e.HttpRequestError.ToString());
            }
            catch (IOException) when (attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                kind = "connection reset";
            }
            Retried.Seen($"{kind} on {method} {Route(path)}");
            var pause = retryAfter ?? TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt, 5))));
            await Task.Delay(pause > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : pause, ct);
        }
    }

    private static string RetriableKind(int status, string body) => status switch
    {
        502 or 503 or 504 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        409 when body.Contains("idempotency-in-progress", StringComparison.Ordinal) => "409 idempotency-in-progress",
        _ => "",
    };

    /// <summary>The path with ids and links blanked, so counts group by endpoint.</summary>
    private static string Route(string path) => IdPattern().Replace(path.Split('?')[0], "{id}");

    /// <summary>The newest SMS to <paramref name="phone"/> matching <paramref name="pattern"/> (the link or the code), first group.</summary>
    public async Task<string> SmsAsync(string phone, Regex pattern, CancellationToken ct)
    {
        var (status, text) = await WithRetriesAsync(HttpMethod.Get, $"/api/v1/dev/sms?phone={phone}", () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dev/sms?phone={phone}"), ct);
        if (status != 200) throw new InvalidOperationException($"GET /api/v1/dev/sms: {status} {text}");
        var list = JsonNode.Parse(text)!.AsArray();
        foreach (var m in list)
        {
            var match = pattern.Match(m!["text"]!.GetValue<string>());
            if (match.Success) return match.Groups[1].Value;
        }
        throw new InvalidOperationException($"no SMS for {phone} matches {pattern}");
    }

    [GeneratedRegex(@"(?<=/)(?:[0-9a-fA-F-]{36}|[A-Za-z0-9_\-]{20,})(?=/|$)")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"/sign/([A-Za-z0-9_\-]+)")]
    public static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d{6})")]
    public static partial Regex CodePattern();
}
