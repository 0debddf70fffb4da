using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Logging;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Logging;

/// <summary><c>OneThing:Logging:Format</c>: plain by default, json on request, anything else refused at start.</summary>
public sealed class LogFormatOptionTests
{
    private sealed class FormatFactory(string format) : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OneThing:Logging:Format"] = format };
    }

    [Fact]
    public void Without_the_setting_the_console_uses_the_simple_formatter()
    {
        using var factory = new SigningApiFactory();
        var name = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
        Assert.True(name is null or ConsoleFormatterNames.Simple, $"formatter {name}");
    }

    [Fact]
    public void Json_selects_the_JSON_formatter_with_scopes_and_UTC_timestamps()
    {
        using var factory = new FormatFactory("json");
        Assert.Equal(ConsoleFormatterNames.Json, factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var json = factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
    }

    [Fact]
    public void An_unknown_format_stops_start_up_naming_the_setting()
    {
        // Program turns this exception into one line on stderr and exit code 1.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OneThing:Logging:Format"] = "xml" });
        var e = Assert.Throws<StartupConfigurationException>(() => builder.AddOneThingLogging());
        Assert.StartsWith("configuration OneThing:Logging:", e.Message, StringComparison.Ordinal);
    }
}
