using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Telemetry;
using OneThing.SigningApi.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>The service with its tracing configuration (sources, instrumentation, sampling 1.0) exporting to memory instead of OTLP.</summary>
public sealed class TracedSigningApiFactory : SigningApiFactory
{
    public SpanRecorder Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddOpenTelemetry()
            .WithTracing(t => t.AddOneThingTracing(new TelemetryOptions { SamplingRatio = 1.0 }).AddInMemoryExporter(Spans)));
    }
}
