using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Notifications;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests;

/// <summary>
/// The SMS outbox against a gateway that misbehaves (a local HTTP stub speaking Kannel's sendsms answers):
/// an outage is retried until the gateway accepts, a refusal is not retried, and a delivery report
/// counts only with the message's own token.
/// </summary>
public sealed class SmsOutboxTests : IDisposable
{
    private readonly string _data = WorkflowHost.NewDataDirectory();

    [Fact]
    public async Task A_gateway_outage_is_retried_with_the_same_message_until_Kannel_accepts_it()
    {
        // For each phone: two 503s, then Kannel's "accepted".
        await using var gateway = KannelStub.Start(503, 503, 202);
        using var host = new WorkflowHost(_data, Settings(gateway));
        var driver = new Driver(host);
        await driver.OpenAsync();

        var rows = await WaitForAsync(host, rows => rows.Count == 2 && rows.All(m => m.State == SmsOutboxState.Sent));
        // Each invitation needed three attempts; the texts the gateway got are the queued ones, in UCS-2.
        Assert.All(rows, m => Assert.Equal(3, m.Attempts));
        Assert.Equal(6, gateway.Requests.Count);
        Assert.All(gateway.Requests, r => Assert.Equal("2", r.Query["coding"]));
        Assert.Equal(rows.Select(m => m.Text).Order(), gateway.Requests.Where(r => r.Status == 202).Select(r => r.Query["text"]).Order());
        // A retry resends the same message: the same text under the same delivery-report URL.
        Assert.All(gateway.Requests.GroupBy(r => r.Query["to"]), g => Assert.Single(g.Select(r => r.Query["dlr-url"] + r.Query["text"]).Distinct()));
    }

    [Fact]
    public async Task A_refused_message_is_marked_failed_at_once_and_a_delivery_report_needs_the_message_token()
    {
        // 403: wrong credentials — no retry fixes that.
        await using var gateway = KannelStub.Start(403);
        using var host = new WorkflowHost(_data, Settings(gateway));
        await new Driver(host).OpenAsync();

        var rows = await WaitForAsync(host, rows => rows.Count == 2 && rows.All(m => m.State == SmsOutboxState.Failed));
        Assert.All(rows, m => Assert.Equal(1, m.Attempts));
        Assert.All(rows, m => Assert.StartsWith("403", m.LastError, StringComparison.Ordinal));

        var message = rows[0];
        var client = host.CreateClient();
        var forged = await client.GetAsync($"/api/v1/sms/delivery-reports/{message.Id}?token={new string('0', 48)}&type=1");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var genuine = await client.GetAsync($"/api/v1/sms/delivery-reports/{message.Id}?token={message.ReportToken}&type=16");
        Assert.Equal(HttpStatusCode.NoContent, genuine.StatusCode);
        var after = await host.WithDbAsync(db => db.Set<SmsOutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.Equal(16, after.DeliveryStatus);
    }

    private static Dictionary<string, string?> Settings(KannelStub gateway) => new()
    {
        ["OneThing:Sms:Provider"] = "Kannel",
        ["OneThing:Sms:Kannel:SendUrl"] = gateway.Url,
        ["OneThing:Sms:Kannel:Username"] = "onething",
        ["OneThing:Sms:Kannel:Password"] = "secret",
        ["OneThing:Sms:Outbox:RetryDelay"] = "00:00:00.100",
        ["OneThing:Sms:Outbox:PollInterval"] = "00:00:00.100",
    };

    private static async Task<List<SmsOutboxMessage>> WaitForAsync(WorkflowHost host, Func<List<SmsOutboxMessage>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<SmsOutboxMessage> rows = [];
        while (DateTime.UtcNow < deadline)
        {
            rows = await host.WithDbAsync(db => db.Set<SmsOutboxMessage>().AsNoTracking().ToListAsync());
            if (done(rows)) return rows;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the outbox did not settle: {string.Join("; ", rows.Select(r => $"{r.State} after {r.Attempts}: {r.LastError}"))}{Environment.NewLine}{host.Log.Tail(40)}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    /// <summary>Answers each phone's sendsms requests with the given statuses in turn (the last one repeats), recording each query and answer.</summary>
    private sealed class KannelStub : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly int[] _statuses;
        private readonly Task _loop;

        private KannelStub(int port, int[] statuses)
        {
            _statuses = statuses;
            Url = $"http://127.0.0.1:{port}/cgi-bin/sendsms";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public List<(Dictionary<string, string> Query, int Status)> Requests { get; } = [];

        public static KannelStub Start(params int[] statuses)
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new KannelStub(port, statuses);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                int status;
                lock (Requests)
                {
                    var q = context.Request.QueryString;
                    var query = q.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => q[k]!);
                    var earlier = Requests.Count(r => r.Query.GetValueOrDefault("to") == query.GetValueOrDefault("to"));
                    status = _statuses[Math.Min(earlier, _statuses.Length - 1)];
                    Requests.Add((query, status));
                }
                context.Response.StatusCode = status;
                var body = System.Text.Encoding.ASCII.GetBytes(status == 202 ? "0: Accepted for delivery" : status == 403 ? "Authorization failed for sendsms" : "Service unavailable");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
