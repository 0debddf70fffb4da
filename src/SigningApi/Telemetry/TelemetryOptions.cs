namespace OneThing.SigningApi.Telemetry;

/// <summary>
/// <c>OneThing:Telemetry</c>: where metrics and traces go. Everything is off unless asked for (in
/// Development the Prometheus endpoint is on): with no exporter nothing is collected, so nothing costs.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "OneThing:Telemetry";

    /// <summary>
    /// An OpenTelemetry collector (OTLP), e.g. <c>http://collector:4317</c> for gRPC or
    /// <c>http://collector:4318</c> for HTTP. Traces and metrics are sent there; null sends nothing and
    /// records no trace at all. Headers (e.g. authentication) come from the standard <c>OTEL_EXPORTER_OTLP_HEADERS</c>.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>; over HTTP the signal paths <c>/v1/traces</c> and <c>/v1/metrics</c> are added to the endpoint.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// Serves the metrics for Prometheus to scrape at <see cref="PrometheusPath"/>, anonymously. Unset means
    /// on in Development and off elsewhere; an operator who turns it on in production restricts the path
    /// (reverse proxy, firewall) or leaves it to the internal network.
    /// </summary>
    public bool? Prometheus { get; set; }

    /// <summary>The scrape path, <c>/metrics</c> by default.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Share of new traces recorded, 0..1 (1: all). Parent-based: a request that arrives with a sampled
    /// trace context is always recorded, so a caller's trace is never cut in two.
    /// </summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>How often the gauges read from the database (outbox backlog, cases by status) are refreshed.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether the Prometheus endpoint is served, given the environment.</summary>
    public bool PrometheusEnabled(IHostEnvironment environment) => Prometheus ?? environment.IsDevelopment();
}
