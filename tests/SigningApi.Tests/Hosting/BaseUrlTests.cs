using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// `./run.sh` and `dotnet run --project src/SigningApi` listen where the SMS links point: one base
/// URL, printed by the start banner with the pages to open.
/// </summary>
public sealed class BaseUrlTests
{
    [Fact]
    public void The_launch_profile_listens_on_the_default_public_base_url_that_links_are_built_from()
    {
        var root = ApiDriver.FindRepositoryRoot();
        var profiles = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "SigningApi", "Properties", "launchSettings.json")))!["profiles"]!.AsObject();
        var profile = Assert.Single(profiles).Value!;
        Assert.Equal(new OneThingOptions().PublicBaseUrl, profile["applicationUrl"]?.GetValue<string>());
        Assert.Equal("Development", profile["environmentVariables"]!["ASPNETCORE_ENVIRONMENT"]!.GetValue<string>());
        // run.sh goes through that profile: no --no-launch-profile, no address of its own.
        var runScript = File.ReadAllText(Path.Combine(root, "run.sh"));
        Assert.Contains("dotnet run --project src/SigningApi", runScript);
        Assert.DoesNotContain("--no-launch-profile", runScript);
        Assert.DoesNotContain("--urls", runScript);
    }

    private sealed class ListeningFactory(string listenOn, string publicBaseUrl) : SigningApiFactory
    {
        public CapturedLog Log => Services.GetServices<ILoggerProvider>().OfType<CapturedLog>().Single();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, listenOn);
            builder.UseSetting("OneThing:PublicBaseUrl", publicBaseUrl);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider, CapturedLog>());
        }
    }

    private static string FreeAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private static async Task<IReadOnlyList<CapturedEntry>> BannerAsync(string listenOn, string publicBaseUrl)
    {
        await using var factory = new ListeningFactory(listenOn, publicBaseUrl);
        factory.UseKestrel();
        factory.StartServer();
        using var http = new HttpClient { BaseAddress = new Uri(listenOn) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        return factory.Log.Entries.Where(e => e.Category.EndsWith("StartBanner", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task The_start_banner_names_the_listening_address_and_the_pages_at_the_public_base_url()
    {
        var address = FreeAddress();
        var banner = await BannerAsync(address, address);
        var listening = Assert.Single(banner, e => e.Message.Contains("listening on", StringComparison.Ordinal)).Message;
        Assert.Contains($"listening on {address}", listening);
        foreach (var page in new[] { "/console", "/verify", "/api-docs", "/sign/" }) Assert.Contains($"{address}{page}", listening);
        Assert.DoesNotContain(banner, e => e.Level == LogLevel.Warning && e.Message.Contains("PublicBaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_banner_warns_when_the_links_point_somewhere_the_service_does_not_listen()
    {
        var address = FreeAddress();
        var banner = await BannerAsync(address, "http://127.0.0.1:5000");
        var warning = Assert.Single(banner, e => e.Level == LogLevel.Warning && e.Message.Contains("PublicBaseUrl", StringComparison.Ordinal)).Message;
        Assert.Contains("http://127.0.0.1:5000", warning);
        Assert.Contains(address, warning);
    }
}
