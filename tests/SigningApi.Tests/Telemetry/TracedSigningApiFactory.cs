using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Telemetry;
using OneThing.SigningApi.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>The service with its tracing configuration (sources, instrumentation, sampling 1.0) exporting to memory instead of OTLP.</summary>
public class TracedSigningApiFactory : SigningApiFactory
{
    public SpanRecorder Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddOpenTelemetry()
            .WithTracing(t => t.AddOneThingTracing(new TelemetryOptions { SamplingRatio = 1.0 }).AddInMemoryExporter(Spans)));
    }
}

/// <summary>
/// The same, with the documents in the local S3 server the test command starts (storage/start-local-s3.sh
/// exports ONETHING_S3_*), in a bucket of its own, so the store writes go out over HTTP.
/// </summary>
public sealed class TracedS3SigningApiFactory : TracedSigningApiFactory
{
    public string Bucket { get; } = $"onething-trace-{Guid.NewGuid():N}"[..40];

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var endpoint = Environment.GetEnvironmentVariable("ONETHING_S3_ENDPOINT");
            if (string.IsNullOrEmpty(endpoint))
                Assert.Fail("The local S3 server is required: run `eval \"$(storage/start-local-s3.sh)\"` first (test.sh does) to set ONETHING_S3_ENDPOINT");
            return new Dictionary<string, string>
            {
                ["OneThing:DocumentStore:Provider"] = "S3",
                ["OneThing:DocumentStore:S3:Endpoint"] = endpoint!,
                ["OneThing:DocumentStore:S3:AccessKey"] = Environment.GetEnvironmentVariable("ONETHING_S3_ACCESS_KEY") ?? "S3RVER",
                ["OneThing:DocumentStore:S3:SecretKey"] = Environment.GetEnvironmentVariable("ONETHING_S3_SECRET_KEY") ?? "S3RVER",
                ["OneThing:DocumentStore:S3:Bucket"] = Bucket,
            };
        }
    }
}
