using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// An SMS gateway on Kestrel at 127.0.0.1 that answers Kannel's send interface as smsbox does
/// (<c>GET /cgi-bin/sendsms?username&amp;password&amp;to&amp;text</c>, 202 "0: Accepted for delivery") and keeps
/// each message for the test to read, as a phone would. (The Kannel tests use the real bearerbox.)
/// </summary>
public sealed partial class TestSmsGateway : IAsyncDisposable
{
    public const string Username = "onething-tests";
    public const string Password = "sms-gateway-password-for-tests";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Phone, string Text)> _received = new();

    public Uri Url { get; }

    private TestSmsGateway(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<TestSmsGateway> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var gateway = new TestSmsGateway(app, new Uri($"http://127.0.0.1:{port}/cgi-bin/sendsms"));
        app.MapGet("/cgi-bin/sendsms", (HttpContext http) =>
        {
            var q = http.Request.Query;
            if (q["username"] != Username || q["password"] != Password) return Results.Text("Authorization failed for sendsms", statusCode: 403);
            gateway._received.Enqueue((q["to"].ToString(), q["text"].ToString()));
            return Results.Text("0: Accepted for delivery", statusCode: 202);
        });
        await app.StartAsync();
        return gateway;
    }

    public IReadOnlyList<string> TextsTo(string phone) => _received.Where(m => m.Phone == phone).Select(m => m.Text).Reverse().ToList();

    /// <summary>How many messages <paramref name="phone"/> has received so far (to wait for the next one).</summary>
    public int CountTo(string phone) => _received.Count(m => m.Phone == phone);

    /// <summary>The link token of the newest signing link among the messages after the first <paramref name="after"/>, waiting for the outbox to deliver it.</summary>
    public Task<string> LinkTokenToAsync(string phone, int after) => NewestMatchAsync(phone, after, LinkPattern());

    public Task<string> CodeToAsync(string phone, int after) => NewestMatchAsync(phone, after, CodePattern());

    // SMS leave through the outbox dispatcher, so a message arrives a moment after the request that queued it;
    // only messages after the first `after` count, so an earlier test's message is never taken for this one's.
    private async Task<string> NewestMatchAsync(string phone, int after, Regex pattern)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var match = _received.Where(m => m.Phone == phone).Skip(after).Select(m => pattern.Match(m.Text)).LastOrDefault(m => m.Success);
            if (match is not null) return match.Groups[1].Value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no new SMS matching {pattern} reached {phone} within 30 s");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"/sign/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d+)")]
    private static partial Regex CodePattern();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
