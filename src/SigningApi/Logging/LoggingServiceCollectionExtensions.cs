using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// Framework categories that write the raw request path (or put it in a scope), and so the
    /// applicant's link token (<c>/api/v1/access/{token}</c>, <c>/sign/{token}</c>) and download
    /// tokens, with the most verbose level they may log at, enforced by <see cref="PathLoggingLimits"/>
    /// so no configuration (not even <c>Logging:LogLevel:Default=Trace</c>) lets them through.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, LogLevel> PathLoggingCategories = new Dictionary<string, LogLevel>
    {
        // "Request starting/finished GET http://host/api/v1/access/<token>" and the RequestPath scope
        // it opens around every log of the request. None, because the scope is opened whenever Critical is on.
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.None,
        // Debug: "n candidate(s) found for the request path '<path>'".
        ["Microsoft.AspNetCore.Routing"] = LogLevel.Information,
        // Debug: "The request path <path> does not match an existing file".
        ["Microsoft.AspNetCore.StaticFiles"] = LogLevel.Warning,
        // Debug: the offending request line of a malformed request.
        ["Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = LogLevel.Information,
        // Debug: "Failed to bind parameter ... from '<route value>'", the token itself on a bad link.
        ["Microsoft.AspNetCore.Http.RequestDelegateFactory"] = LogLevel.Information,
    };

    /// <summary>
    /// <c>OneThing:Logging:Format</c> (plain or json), trace and span ids on every log of a request,
    /// and the framework categories that would log tokens limited to levels at which they do not.
    /// </summary>
    public static WebApplicationBuilder AddOneThingLogging(this WebApplicationBuilder builder)
    {
        var options = builder.Services.AddValidatedOptions<LoggingOptions, LoggingOptionsValidator>(builder.Configuration, LoggingOptions.SectionName);
        builder.Logging.Configure(f => f.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (options.Format == LogFormat.Json)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                // Scopes carry the trace and span ids (and MassTransit's message ids).
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        builder.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, PathLoggingLimits>();
        builder.Services.AddHostedService<RequestActivities>();
        return builder;
    }
}
