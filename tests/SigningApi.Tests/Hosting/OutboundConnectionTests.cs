using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// The service connects to nothing its operator did not configure. MassTransit (8.4 and later)
/// reports usage telemetry to its vendor's host from inside the service, normally minutes after the
/// bus starts; the test asks it to report at shutdown, so a run of seconds shows the attempt if the
/// reporting is on, and nothing if it is off.
/// </summary>
public sealed class OutboundConnectionTests
{
    private sealed class Factory : SigningApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<UsageTelemetryOptions>(o => o.ReportOnShutdown = true));
        }
    }

    [Fact]
    public async Task From_start_through_a_case_to_shutdown_the_embedded_service_attempts_no_connection_off_this_machine()
    {
        using var attempts = new OutboundAttempts();
        await using (var factory = new Factory())
        {
            var api = new ApiDriver(factory);
            // The bus is up (the usage report is armed once it has started) ...
            // (readiness names its checks only to an administrator or auditor)
            var auditor = await api.AsAsync("auditor");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while ((await auditor.GetFromJsonAsync<JsonObject>("/health/ready"))!["checks"]!["event-bus"]!["status"]!.GetValue<string>() != "Healthy")
            {
                Assert.True(DateTime.UtcNow < deadline, "the event bus did not start");
                await Task.Delay(100);
            }
            // ... and carries a case's events.
            var opened = await api.OpenCaseAsync();
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/cases/{opened["id"]}/timeline")).StatusCode);
        }
        Assert.Empty(attempts.Seen);
    }
}

/// <summary>The listener reads socket addresses the way the runtime prints them.</summary>
public sealed class OutboundAttemptsTests
{
    [Theory]
    [InlineData("InterNetwork:16:{31,144,127,0,0,1,0,0,0,0,0,0,0,0}", "127.0.0.1")]
    [InlineData("InterNetwork:16:{1,187,203,0,113,9,0,0,0,0,0,0,0,0}", "203.0.113.9")]
    [InlineData("InterNetworkV6:28:{31,144,0,0,0,0,0,0,0,0,0,0,0,0,0,0,255,255,127,0,0,1,0,0,0,0}", "127.0.0.1")]
    [InlineData("InterNetworkV6:28:{1,187,0,0,0,0,32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0}", "2001:db8::1")]
    public void A_connect_target_is_read_from_the_runtimes_socket_address_text(string socketAddress, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), OutboundAttempts.ConnectTarget(socketAddress));
}
