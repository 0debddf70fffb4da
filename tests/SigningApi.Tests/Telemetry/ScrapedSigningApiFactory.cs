using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>
/// The service on Kestrel at a free 127.0.0.1 port (Prometheus scrapes over TCP), its scrape endpoint on
/// and its sampled gauges refreshed every second; the post-seal adapters answer quickly so a case completes in seconds.
/// </summary>
public sealed class ScrapedSigningApiFactory : SigningApiFactory
{
    public ScrapedSigningApiFactory()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        UseKestrel();
        StartServer();
    }

    public int Port { get; }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OneThing:Telemetry:Prometheus"] = "true",
        ["OneThing:Telemetry:SampleInterval"] = "00:00:01",
        ["OneThing:Workflow:Registry:Delay"] = "00:00:00.300",
        ["OneThing:Workflow:Bank:Delay"] = "00:00:00.300",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // UseKestrel(port) on a derived factory does not reach the host: name the address as the urls setting.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{Port}");
    }
}
