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
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while ((await api.Anonymous().GetFromJsonAsync<JsonObject>("/health/ready"))!["checks"]!["event-bus"]!["status"]!.GetValue<string>() != "Healthy")
            {
                Assert.True(DateTime.UtcNow < deadline, "the event bus did not start");
                await Task.Delay(100);
            }
            // ... and carries a case's events.
            var opened = await api.OpenCaseAsync();
            Assert.Equal(HttpStatusCode.OK, (await (await api.AsAsync("auditor")).GetAsync($"/api/v1/cases/{opened["id"]}/timeline")).StatusCode);
        }
        Assert.Empty(attempts.Seen);
    }
}
