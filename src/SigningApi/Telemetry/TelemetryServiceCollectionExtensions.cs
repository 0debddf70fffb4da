using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Core.Telemetry;
using OneThing.Storage.Resilience;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OneThing.SigningApi.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name traces and metrics carry (OpenTelemetry's <c>service.name</c>).</summary>
    public const string ServiceName = "onething";

    /// <summary>MassTransit's own ActivitySource and Meter (publish, send, consume).</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>
    /// OpenTelemetry, wired from <c>OneThing:Telemetry</c>: traces only when an OTLP endpoint is set,
    /// metrics when Prometheus scraping or OTLP is on. With neither, nothing at all is registered:
    /// no listener on the spans and meters, so recording them stays a flag check.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(configuration, TelemetryOptions.SectionName);
        var prometheus = options.PrometheusEnabled(environment);
        var tracing = options.OtlpEndpoint is not null;
        var metrics = prometheus || options.OtlpEndpoint is not null;
        if (!tracing && !metrics) return services;

        if (prometheus && options.Prometheus is null)
        {
            services.AddSingleton(new EmbeddedDefault("metrics", $"Prometheus scrape endpoint at {options.PrometheusPath}, anonymous (Development default; OneThing:Telemetry:Prometheus=false turns it off)"));
        }
        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        if (tracing)
        {
            otel.WithTracing(t => t.AddOneThingTracing(options).AddOtlpExporter(o => Otlp(o, options, "v1/traces")));
        }
        if (metrics)
        {
            services.AddSingleton<OperationalStateSampler>();
            services.AddHostedService(sp => sp.GetRequiredService<OperationalStateSampler>());
            services.AddSingleton<OperationalGauges>();
            otel.WithMetrics(m =>
            {
                m.AddOneThingMetrics();
                if (prometheus) m.AddPrometheusExporter();
                if (options.OtlpEndpoint is not null) m.AddOtlpExporter(o => Otlp(o, options, "v1/metrics"));
            });
        }
        return services;
    }

    /// <summary>The collector's address for one signal: as given for gRPC, with the signal's path for HTTP (the exporter adds none to an endpoint set in code).</summary>
    private static void Otlp(OpenTelemetry.Exporter.OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        if (options.OtlpProtocol == "http/protobuf")
        {
            exporter.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
            var baseUri = options.OtlpEndpoint!.AbsoluteUri.EndsWith('/') ? options.OtlpEndpoint : new Uri(options.OtlpEndpoint!.AbsoluteUri + "/");
            exporter.Endpoint = new Uri(baseUri, signalPath);
        }
        else
        {
            exporter.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
            exporter.Endpoint = options.OtlpEndpoint!;
        }
    }

    /// <summary>
    /// What a trace holds: requests in (ASP.NET Core, without the scrape and health probes), calls out
    /// (HttpClient: the TSA, an S3 store, adapters), MassTransit's publish and consume, and the service's
    /// own spans; sampled parent-based at <see cref="TelemetryOptions.SamplingRatio"/>. The exporter is the caller's.
    /// </summary>
    public static TracerProviderBuilder AddOneThingTracing(this TracerProviderBuilder tracing, TelemetryOptions options) =>
        tracing
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
            .AddSource(OneThingActivity.SourceName, MassTransitSource)
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(options.PrometheusPath, StringComparison.OrdinalIgnoreCase)
                    && !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                // A tracing backend is read by more people than the link's owner: the link and download tokens stay out of url.path.
                o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", SecretPaths.Redact(request.Path.Value ?? ""));
            })
            .AddHttpClientInstrumentation();

    /// <summary>The service's own meters (and its gauges, resolved here so they exist), MassTransit's, ASP.NET Core, HttpClient and the runtime.</summary>
    public static MeterProviderBuilder AddOneThingMetrics(this MeterProviderBuilder metrics) =>
        metrics
            .AddMeter(OneThingMetrics.MeterName, StoreMetrics.MeterName, MassTransitSource)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddInstrumentation(sp => sp.GetRequiredService<OperationalGauges>());
}
