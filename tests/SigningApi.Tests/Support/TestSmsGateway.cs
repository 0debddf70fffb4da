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
/// An SMS gateway on Kestrel at 127.0.0.1 that takes what the service's HTTP gateway client posts
/// (<c>{"phone", "text"}</c> with the configured bearer key) and keeps it for the test to read, as a phone would.
/// </summary>
public sealed partial class TestSmsGateway : IAsyncDisposable
{
    public const string ApiKey = "sms-gateway-key-for-tests";

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
        var gateway = new TestSmsGateway(app, new Uri($"http://127.0.0.1:{port}/send"));
        app.MapPost("/send", async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}") return Results.Unauthorized();
            var message = await http.Request.ReadFromJsonAsync<Message>();
            gateway._received.Enqueue((message!.Phone, message.Text));
            return Results.Accepted();
        });
        await app.StartAsync();
        return gateway;
    }

    public IReadOnlyList<string> TextsTo(string phone) => _received.Where(m => m.Phone == phone).Select(m => m.Text).Reverse().ToList();

    /// <summary>The link token of the newest signing link sent to <paramref name="phone"/>.</summary>
    public string LinkTokenTo(string phone) =>
        TextsTo(phone).Select(t => LinkPattern().Match(t)).First(m => m.Success).Groups[1].Value;

    public string CodeTo(string phone) =>
        TextsTo(phone).Select(t => CodePattern().Match(t)).First(m => m.Success).Groups[1].Value;

    [GeneratedRegex(@"/sign/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d+)")]
    private static partial Regex CodePattern();

    private sealed record Message(string Phone, string Text);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
