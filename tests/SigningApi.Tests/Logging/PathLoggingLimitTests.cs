using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Logging;

/// <summary>
/// The framework categories that log raw request paths stay at or below their limits whatever the
/// configuration asks, and no more verbose than it asks.
/// </summary>
public sealed class PathLoggingLimitTests
{
    /// <summary>Everything at Trace, for every provider, and a rule naming a category inside a limited one.</summary>
    private sealed class VerboseFactory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:Console:LogLevel:Default"] = "Trace",
            ["Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.Matching.DfaMatcher"] = "Trace",
        };
    }

    [Fact]
    public void With_every_category_and_provider_at_Trace_the_path_logging_categories_stay_at_their_limits()
    {
        using var factory = new VerboseFactory();
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        // Not even Critical: Critical on is what makes hosting open the RequestPath scope.
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        var matcher = loggers.CreateLogger("Microsoft.AspNetCore.Routing.Matching.DfaMatcher");
        Assert.False(matcher.IsEnabled(LogLevel.Debug));
        Assert.True(matcher.IsEnabled(LogLevel.Information));
        var staticFiles = loggers.CreateLogger("Microsoft.AspNetCore.StaticFiles.StaticFileMiddleware");
        Assert.False(staticFiles.IsEnabled(LogLevel.Information));
        Assert.True(staticFiles.IsEnabled(LogLevel.Warning));
        // Categories outside the list keep the configured Trace.
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Authentication").IsEnabled(LogLevel.Trace));
    }

    [Fact]
    public void With_the_shipped_levels_a_limited_category_is_no_more_verbose_than_configured()
    {
        using var factory = new SigningApiFactory();
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        // appsettings.json: Microsoft.AspNetCore at Warning; the Information limit of routing must not lower it.
        var endpoint = loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware");
        Assert.False(endpoint.IsEnabled(LogLevel.Information));
        Assert.True(endpoint.IsEnabled(LogLevel.Warning));
    }
}
