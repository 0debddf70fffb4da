using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Operations;

/// <summary>
/// deploy/prometheus checked by Prometheus's own promtool (Debian package prometheus): the rules and
/// the configuration load, and the unit tests in alerts.test.yml (alerts that must and must not fire
/// on synthetic series) pass.
/// </summary>
public sealed class AlertRulesTests
{
    private static readonly string PrometheusFolder = Path.Combine(ApiDriver.FindRepositoryRoot(), "deploy", "prometheus");

    [Fact]
    public void Promtool_accepts_the_alert_rules() => AssertSucceeds("check", "rules", "alerts.yml");

    [Fact]
    public void Promtool_accepts_the_scrape_configuration_and_the_rule_files_it_references() =>
        AssertSucceeds("check", "config", "prometheus.yml");

    [Fact]
    public void The_outbox_certificate_expiry_5xx_TSA_and_instance_down_alerts_fire_when_they_should_and_not_before() =>
        AssertSucceeds("test", "rules", "alerts.test.yml");

    private static void AssertSucceeds(params string[] arguments)
    {
        var result = ExternalTool.RunIn(PrometheusFolder, "promtool", arguments);
        Assert.True(result.ExitCode == 0, $"promtool {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.Output}");
    }
}
