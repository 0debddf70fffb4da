using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>
/// A real Prometheus scrapes the running service (every second) while one whole case goes from intake
/// to Completed; what it stored, read back through its query API, matches what the case did.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PrometheusScrapeTests(ScrapedSigningApiFactory factory) : IClassFixture<ScrapedSigningApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Prometheus_sees_a_whole_cases_twelve_signatures_one_seal_their_durations_and_an_empty_outbox_afterwards()
    {
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{factory.Port}");
        await prometheus.WaitForAsync("up{job=\"onething\"}", v => v == 1, Patience);
        // What earlier tests in this process recorded is already exported: count from here.
        var before = await CountsAsync(prometheus);

        var (caseId, _, officer, _) = await _api.SignAndSealAsync(await _api.OpenCaseAsync());
        // Registration, disbursement and the evidence report follow through the outbox and the consumers.
        var completedAt = await WaitForCompletedAsync(officer, caseId);

        // The sampled gauge reports this (fresh) database's one case Completed once a sample after completion is scraped.
        await prometheus.WaitForAsync("onething_cases{status=\"Completed\"}", v => v == 1, Patience);
        // Completion itself is announced through the outbox: give the dispatcher and the sampler a moment.
        await prometheus.WaitForAsync("onething_outbox_oldest_pending_age_seconds", v => v == 0, Patience);
        var age = await prometheus.QueryAsync("onething_outbox_oldest_pending_age_seconds");
        Assert.True(age.Single().Timestamp >= completedAt.ToUnixTimeMilliseconds() / 1000.0, "the outbox age sample predates the case's completion");
        Assert.Equal(0, await prometheus.ScalarAsync("onething_outbox_pending"));

        var after = await CountsAsync(prometheus);
        // Three documents, signed by two applicants, countersigned by the officer, sealed and LTV-extended once each.
        Assert.Equal(6, after["signatures:applicant"] - before["signatures:applicant"]);
        Assert.Equal(3, after["signatures:officer"] - before["signatures:officer"]);
        Assert.Equal(3, after["signatures:seal"] - before["signatures:seal"]);
        Assert.Equal(1, after["seals"] - before["seals"]);
        Assert.Equal(6, after["duration:applicant"] - before["duration:applicant"]);
        Assert.Equal(3, after["duration:countersign"] - before["duration:countersign"]);
        Assert.Equal(3, after["duration:seal"] - before["duration:seal"]);
        Assert.Equal(3, after["duration:ltv"] - before["duration:ltv"]);
        Assert.True(after["duration_sum"] > before["duration_sum"], "the sign-duration histogram's sum did not grow");
        // The buckets are in seconds (not OpenTelemetry's millisecond defaults), fine enough below a second
        // to place a signature: the p99 comes out below 2.5 s (the millisecond buckets would put it near 5 s, their first edge).
        var buckets = await prometheus.QueryAsync("sum by (le) (onething_sign_duration_seconds_bucket{step=\"seal\"})");
        Assert.Contains(buckets, b => b.Labels["le"] == "0.1");
        var p99 = await prometheus.ScalarAsync("histogram_quantile(0.99, sum by (le) (onething_sign_duration_seconds_bucket))");
        Assert.InRange(p99!.Value, 0.001, 2.5);

        // Every metric an operator's dashboard and alerts name is exposed (the failure counters at 0).
        var names = await prometheus.MetricNamesAsync();
        Assert.All(ExposedNames, n => Assert.Contains(n, names));
    }

    /// <summary>The service's own metric names as Prometheus stores them (docs/operations.md lists them).</summary>
    public static readonly string[] ExposedNames =
    [
        "onething_sign_duration_seconds_bucket", "onething_sign_duration_seconds_count", "onething_sign_duration_seconds_sum",
        "onething_signatures_total", "onething_seals_total",
        "onething_timestamp_requests_total", "onething_timestamp_failures_total",
        "onething_revocation_requests_total", "onething_revocation_failures_total",
        "onething_verifications_total",
        "onething_outbox_pending", "onething_outbox_oldest_pending_age_seconds",
        "onething_consumer_duration_seconds_bucket", "onething_consumer_duration_seconds_count", "onething_consumer_duration_seconds_sum",
        "onething_cases",
        "onething_access_lockouts_total", "onething_rate_limit_rejections_total",
        "onething_store_errors_total", "onething_store_retries_total",
        "onething_sms_sent_total", "onething_sms_failed_total",
        "onething_certificate_expiry_days",
    ];

    /// <summary>Counter and histogram-count values as Prometheus has them now (absent series count as 0).</summary>
    private static async Task<Dictionary<string, double>> CountsAsync(PrometheusServer prometheus)
    {
        var counts = new Dictionary<string, double>();
        foreach (var role in new[] { "applicant", "officer", "seal" })
            counts[$"signatures:{role}"] = await prometheus.ScalarAsync($"sum(onething_signatures_total{{role=\"{role}\"}})") ?? 0;
        counts["seals"] = await prometheus.ScalarAsync("sum(onething_seals_total)") ?? 0;
        foreach (var step in new[] { "applicant", "countersign", "seal", "ltv" })
            counts[$"duration:{step}"] = await prometheus.ScalarAsync($"sum(onething_sign_duration_seconds_count{{step=\"{step}\"}})") ?? 0;
        counts["duration_sum"] = await prometheus.ScalarAsync("sum(onething_sign_duration_seconds_sum)") ?? 0;
        return counts;
    }

    private async Task<DateTimeOffset> WaitForCompletedAsync(HttpClient staff, string caseId)
    {
        var deadline = DateTime.UtcNow + Patience;
        string status;
        do
        {
            status = (await staff.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["status"]!.GetValue<string>();
            if (status == "Completed") return DateTimeOffset.UtcNow;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"case {caseId} is {status}, not Completed, after {Patience.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
    }
}
