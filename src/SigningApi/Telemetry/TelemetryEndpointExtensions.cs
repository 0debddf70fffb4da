using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace OneThing.SigningApi.Telemetry;

public static class TelemetryEndpointExtensions
{
    /// <summary>
    /// Serves the Prometheus scrape endpoint at <see cref="TelemetryOptions.PrometheusPath"/>, anonymously,
    /// when it is enabled (in Development by default). Anonymous because Prometheus does not sign in:
    /// operators who serve it in production turn it off with <c>OneThing:Telemetry:Prometheus=false</c>,
    /// or keep the path off the public side of the reverse proxy or firewall. It shows counts and timings,
    /// never a case's content.
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.PrometheusEnabled(app.Environment))
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }
        return app;
    }
}
