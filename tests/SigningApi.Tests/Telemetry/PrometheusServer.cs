using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>
/// A real Prometheus (Debian's), started by scripts/services/start-prometheus.sh for one scrape target
/// in a run folder of its own, queried through its HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _runDirectory;
    private readonly HttpClient _http;

    private PrometheusServer(string runDirectory, Uri url)
    {
        _runDirectory = runDirectory;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<PrometheusServer> StartAsync(string target)
    {
        var runDirectory = Directory.CreateTempSubdirectory("onething-prometheus-").FullName;
        var script = Path.Combine(ApiDriver.FindRepositoryRoot(), "scripts", "services", "start-prometheus.sh");
        var start = new ProcessStartInfo("bash", [script, target]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ONETHING_RUN_DIR"] = runDirectory;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var export = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("export ONETHING_PROMETHEUS_URL=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || export is null)
            Assert.Fail($"start-prometheus.sh exited {process.ExitCode} (test.sh installs the Debian prometheus package): {await stderr}");
        var url = export!["export ONETHING_PROMETHEUS_URL=".Length..].Trim('\'', '"', ' ');
        return new PrometheusServer(runDirectory, new Uri(url));
    }

    /// <summary>An instant query's series as (labels, value); empty when nothing matches.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Timestamp, double Value)>> QueryAsync(string promql)
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>($"api/v1/query?query={Uri.EscapeDataString(promql)}");
        Assert.Equal("success", answer.GetProperty("status").GetString());
        return [.. answer.GetProperty("data").GetProperty("result").EnumerateArray().Select(r =>
        {
            var labels = r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var value = r.GetProperty("value");
            return ((IReadOnlyDictionary<string, string>)labels, value[0].GetDouble(), double.Parse(value[1].GetString()!, CultureInfo.InvariantCulture));
        })];
    }

    /// <summary>Every metric name Prometheus holds a series of.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync()
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>("api/v1/label/__name__/values");
        return answer.GetProperty("data").EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The single value of a query that aggregates to one series, or null when there is none.</summary>
    public async Task<double?> ScalarAsync(string promql) =>
        (await QueryAsync(promql)) switch
        {
            [] => null,
            [var one] => one.Value,
            var many => throw new Xunit.Sdk.XunitException($"{promql}: {many.Count} series, expected one"),
        };

    /// <summary>Polls <paramref name="promql"/> until <paramref name="done"/> holds for its value; fails with the last value seen.</summary>
    public async Task<double?> WaitForAsync(string promql, Func<double?, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? last;
        while (true)
        {
            last = await ScalarAsync(promql);
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{promql} was {last?.ToString(CultureInfo.InvariantCulture) ?? "absent"} after {timeout.TotalSeconds} s");
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        var stop = Path.Combine(_runDirectory, "prometheus.stop");
        if (File.Exists(stop))
        {
            using var process = Process.Start(new ProcessStartInfo("bash", [stop]))!;
            await process.WaitForExitAsync();
        }
        try { Directory.Delete(_runDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
