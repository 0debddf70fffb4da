using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// Outside the Development host environment no development stand-in serves: a missing setting stops
/// start-up with one line naming it, and a fully configured production start maps none of the
/// development endpoints.
/// </summary>
public sealed class FailClosedTests
{
    private static readonly string[] ProductionSettings =
    [
        "OneThing:Auth:Authority or OneThing:Auth:JwksUrl", "Pki:Mode=Production", "OneThing:Sms:Provider=Kannel",
        "OneThing:Workflow:Registry:Mode=External", "OneThing:Workflow:Bank:Mode=External", "OneThing:Centres:0:Code and OneThing:Centres:0:Name",
    ];

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "OneThing.SigningApi";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IConfiguration Settings(IReadOnlyDictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_with_no_settings_start_up_stops_naming_every_missing_setting_on_one_line(string environment)
    {
        var error = Assert.Throws<StartupConfigurationException>(() =>
            DevelopmentStandIns.RequireProductionSettings(Settings(new Dictionary<string, string?>()), new Environment(environment)));
        foreach (var setting in ProductionSettings) Assert.Contains(setting, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Outside_Development_each_stand_in_needs_its_own_setting()
    {
        var all = new Dictionary<string, string?>
        {
            ["OneThing:Auth:JwksUrl"] = "https://idp.example/jwks",
            ["Pki:Mode"] = "production",
            ["OneThing:Sms:Provider"] = "Kannel",
            ["OneThing:Workflow:Registry:Mode"] = "External",
            ["OneThing:Workflow:Bank:Mode"] = "External",
            ["OneThing:Centres:0:Code"] = "12510600MB0K3C2D4E",
            ["OneThing:Centres:0:Name"] = "德阳市住房公积金管理中心",
        };
        DevelopmentStandIns.RequireProductionSettings(Settings(all), new Environment("Production"));
        foreach (var key in all.Keys)
        {
            var without = new Dictionary<string, string?>(all) { [key] = null };
            var error = Assert.Throws<StartupConfigurationException>(() => DevelopmentStandIns.RequireProductionSettings(Settings(without), new Environment("Production")));
            Assert.Single(ProductionSettings, s => error.Message.Contains(s, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void In_Development_the_stand_ins_need_no_setting()
    {
        DevelopmentStandIns.RequireProductionSettings(Settings(new Dictionary<string, string?>()), new Environment("Development"));
    }

    [Fact]
    public async Task The_built_service_started_in_Production_with_no_settings_exits_non_zero_within_a_minute_printing_one_line()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OneThing.SigningApi.dll");
        var workDir = Directory.CreateTempSubdirectory("onething-production-start-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = workDir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // No launch profile and nothing inherited that could configure the service.
            foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("OneThing__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(variable);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var minute = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await process.WaitForExitAsync(minute.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the service was still running after a minute");
            }
            Assert.NotEqual(0, process.ExitCode);
            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var line = Assert.Single(lines);
            Assert.StartsWith("onething: start-up stopped: ", line);
            foreach (var setting in ProductionSettings) Assert.Contains(setting, line);
            Assert.Equal("", (await stdout).Trim());
            // Stopped before anything was made on disk (no data folder, no development keys).
            Assert.Empty(Directory.EnumerateFileSystemEntries(workDir));
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_production_start_with_every_setting_serves_no_development_endpoint_and_no_public_api_description()
    {
        await using var factory = new ProductionFactory();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/live")).StatusCode);
        // Signed in, so that "not there" (404) is not mistaken for "not allowed" (401).
        var admin = factory.As(factory.Issuer.Staff("admin", ["admin"]));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/cases")).StatusCode);
        foreach (var path in new[] { "/api/v1/dev/sms", "/openapi/v1.json", "/api-docs" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(path)).StatusCode);
        var token = await admin.PostAsync("/api/v1/dev/tokens", System.Net.Http.Json.JsonContent.Create(new { subject = "x", roles = new[] { "admin" } }));
        Assert.True(token.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{token.StatusCode}");
    }
}
