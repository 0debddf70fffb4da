using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Hosting;

/// <summary>
/// The stand-ins that make the service run with no configuration — the development token issuer
/// (which mints staff tokens for anyone, and beside which every SMS is shown), the throw-away PKI,
/// the simulated SMS gateway, mortgage registry and bank — serve only the Development host
/// environment. Anywhere else each needs its production setting, and start-up stops with one line
/// naming every one that is missing, before anything is created on disk. (SQLite, the filesystem
/// store and the in-memory bus are real single-instance choices, announced by the start banner.)
/// </summary>
internal static class DevelopmentStandIns
{
    private sealed record StandIn(string Component, string Setting, Func<IConfiguration, bool> IsReplaced);

    private static readonly StandIn[] All =
    [
        new("development token issuer", "OneThing:Auth:Authority or OneThing:Auth:JwksUrl",
            c => !string.IsNullOrWhiteSpace(c["OneThing:Auth:Authority"]) || !string.IsNullOrWhiteSpace(c["OneThing:Auth:JwksUrl"])),
        new("development PKI", "Pki:Mode=Production", c => Is(c, "Pki:Mode", "Production")),
        new("simulated SMS gateway", "OneThing:Sms:Provider=Kannel", c => Is(c, "OneThing:Sms:Provider", "Kannel")),
        new("simulated mortgage registry", "OneThing:Workflow:Registry:Mode=External", c => Is(c, "OneThing:Workflow:Registry:Mode", "External")),
        new("simulated bank", "OneThing:Workflow:Bank:Mode=External", c => Is(c, "OneThing:Workflow:Bank:Mode", "External")),
        new("sample centre", "OneThing:Centres:0:Code and OneThing:Centres:0:Name",
            c => c.GetSection("OneThing:Centres").GetChildren().Any(x => !string.IsNullOrWhiteSpace(x["Code"]) && !string.IsNullOrWhiteSpace(x["Name"]))),
    ];

    public static void RequireProductionSettings(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) return;
        var missing = All.Where(s => !s.IsReplaced(configuration)).ToList();
        if (missing.Count == 0) return;
        throw new StartupConfigurationException(
            $"the {environment.EnvironmentName} environment has no development stand-ins; set "
            + string.Join(", ", missing.Select(s => $"{s.Setting} (instead of the {s.Component})")));
    }

    // Options binding reads enum names case-insensitively; so does this check.
    private static bool Is(IConfiguration configuration, string key, string value) =>
        string.Equals(configuration[key]?.Trim(), value, StringComparison.OrdinalIgnoreCase);
}
