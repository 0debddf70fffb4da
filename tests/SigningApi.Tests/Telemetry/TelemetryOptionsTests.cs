using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using OneThing.SigningApi.Telemetry;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, false)]
    public void The_scrape_endpoint_is_on_by_default_in_Development_only(string environment, bool? configured, bool expected) =>
        Assert.Equal(expected, new TelemetryOptions { Prometheus = configured }.PrometheusEnabled(new HostingEnvironment { EnvironmentName = environment }));

    [Theory]
    [InlineData(1.5, "/metrics", null, "SamplingRatio")]
    [InlineData(-0.1, "/metrics", null, "SamplingRatio")]
    [InlineData(1.0, "metrics", null, "PrometheusPath")]
    [InlineData(1.0, "/api/v1/metrics", null, "PrometheusPath")]
    [InlineData(1.0, "/metrics", "ftp://collector:4317", "OtlpEndpoint")]
    public void Start_up_refuses_settings_it_cannot_honour(double ratio, string path, string? otlp, string named)
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions
        {
            SamplingRatio = ratio,
            PrometheusPath = path,
            OtlpEndpoint = otlp is null ? null : new Uri(otlp),
        });
        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_and_export_nothing_but_sample_every_trace_when_tracing_is_on()
    {
        var defaults = new TelemetryOptions();
        Assert.True(new TelemetryOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Null(defaults.OtlpEndpoint);
        Assert.Equal("/metrics", defaults.PrometheusPath);
        Assert.Equal(1.0, defaults.SamplingRatio);
    }
}

/// <summary>Operators turn the scrape endpoint off, or move it to a path they restrict.</summary>
public sealed class ScrapeEndpointPlacementTests
{
    [Fact]
    public async Task Turned_off_the_scrape_endpoint_serves_no_metrics()
    {
        await using var factory = new ConfiguredFactory(new() { ["OneThing:Telemetry:Prometheus"] = "false" });
        using var response = await factory.CreateClient().GetAsync("/metrics");
        Assert.DoesNotContain("onething_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_another_path_the_metrics_are_served_there_anonymously_and_not_at_metrics()
    {
        await using var factory = new ConfiguredFactory(new() { ["OneThing:Telemetry:Prometheus"] = "true", ["OneThing:Telemetry:PrometheusPath"] = "/internal/metrics" });
        var client = factory.CreateClient();
        using var moved = await client.GetAsync("/internal/metrics");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("onething_certificate_expiry_days", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var old = await client.GetAsync("/metrics");
        Assert.DoesNotContain("onething_", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed class ConfiguredFactory(Dictionary<string, string> settings) : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => settings;
    }
}
