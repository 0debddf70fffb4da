using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneThing.LoadDriver;

/// <summary>The service's endpoints as the load needs them (embedded mode: development token issuer and SMS outbox).</summary>
public sealed partial class ServiceClient(HttpClient http)
{
    public async Task<string> StaffTokenAsync(string role, string subject, CancellationToken ct)
    {
        var body = new
        {
            subject,
            roles = new[] { role },
            centre = role is "loan-officer" or "seal-officer" ? "12510600MB0K3C2D4E" : null,
        };
        var response = await http.PostAsJsonAsync("/api/v1/dev/tokens", body, ct);
        return (await ReadAsync(response, ct))["accessToken"]!.GetValue<string>();
    }

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, string? token, object? json, CancellationToken ct, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = content ?? (json is null ? null : JsonContent.Create(json));
        using var response = await http.SendAsync(request, ct);
        return await ReadAsync(response, ct);
    }

    public async Task GetBytesAsync(string path, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>The newest SMS to <paramref name="phone"/> matching <paramref name="pattern"/> (the link or the code), first group.</summary>
    public async Task<string> SmsAsync(string phone, Regex pattern, CancellationToken ct)
    {
        var list = await http.GetFromJsonAsync<JsonArray>($"/api/v1/dev/sms?phone={phone}", ct);
        foreach (var m in list!)
        {
            var match = pattern.Match(m!["text"]!.GetValue<string>());
            if (match.Success) return match.Groups[1].Value;
        }
        throw new InvalidOperationException($"no SMS for {phone} matches {pattern}");
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    [GeneratedRegex(@"/sign/([A-Za-z0-9_\-]+)")]
    public static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d{6})")]
    public static partial Regex CodePattern();
}
