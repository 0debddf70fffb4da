using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Telemetry;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions o)
    {
        var failures = new List<string>();
        if (o.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
            failures.Add($"OtlpEndpoint must be an absolute http or https URL (got {otlp})");
        if (o.OtlpProtocol is not ("grpc" or "http/protobuf"))
            failures.Add($"OtlpProtocol must be grpc or http/protobuf (got '{o.OtlpProtocol}')");
        if (string.IsNullOrWhiteSpace(o.PrometheusPath) || !o.PrometheusPath.StartsWith('/') || o.PrometheusPath.Contains('?') || o.PrometheusPath.Contains('#'))
            failures.Add($"PrometheusPath must be a path starting with '/' (got '{o.PrometheusPath}')");
        else if (o.PrometheusPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) || o.PrometheusPath.Equals("/api", StringComparison.OrdinalIgnoreCase))
            failures.Add("PrometheusPath must be outside /api, so it can be restricted apart from the API");
        if (double.IsNaN(o.SamplingRatio) || o.SamplingRatio is < 0 or > 1)
            failures.Add($"SamplingRatio must be between 0 and 1 (got {o.SamplingRatio})");
        if (o.SampleInterval < TimeSpan.FromMilliseconds(100) || o.SampleInterval > TimeSpan.FromMinutes(10))
            failures.Add($"SampleInterval must be between 100 ms and 10 minutes (got {o.SampleInterval})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
