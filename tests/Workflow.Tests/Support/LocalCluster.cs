using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// A cluster started by scripts/cluster/up.sh (N published instances behind nginx) on the services test.sh
/// started, in a run folder of its own; stopped by its cluster.stop when disposed. Instances are
/// numbered in port order, as ONETHING_CLUSTER_PIDS lists them.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private readonly string _runDir;
    private readonly int[] _pids;

    private LocalCluster(string runDir, Uri url, int[] pids, Uri[] instances, string directory, string database, string bucket, string virtualHost)
    {
        Database = database;
        Bucket = bucket;
        VirtualHost = virtualHost;
        _runDir = runDir;
        Url = url;
        _pids = pids;
        Instances = instances;
        Directory = directory;
    }

    public Uri Url { get; }

    /// <summary>The cluster's PostgreSQL database (Npgsql connection string).</summary>
    public string Database { get; }

    /// <summary>The cluster's document bucket on the S3 server test.sh started.</summary>
    public string Bucket { get; }

    /// <summary>The cluster's own RabbitMQ virtual host on the broker test.sh started.</summary>
    public string VirtualHost { get; }

    public IReadOnlyList<Uri> Instances { get; }

    /// <summary>The cluster's folder: instance-&lt;port&gt;/ (start.sh, instance.log, pid), nginx/ (config, logs).</summary>
    public string Directory { get; }

    public int Pid(int instance) => _pids[instance];

    /// <summary>
    /// Starts a cluster on the services test.sh started, or on <paramref name="postgres"/> when given;
    /// <paramref name="environment"/> goes to up.sh as is (e.g. ONETHING_CLUSTER_DATABASE_NAME).
    /// </summary>
    public static async Task<LocalCluster> StartAsync(PublishedService app, int count, IReadOnlyDictionary<string, string?>? settings = null, string? postgres = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        postgres ??= Services.RequirePostgres();
        Services.RequireRabbitMq();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ONETHING_S3_ENDPOINT")))
            Assert.Fail("The local S3 server is required: run `eval \"$(storage/start-local-s3.sh)\"` first (test.sh does)");
        var runDir = Path.Combine(Path.GetTempPath(), "onething-cluster-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(runDir);
        var env = new Dictionary<string, string?>
        {
            ["ONETHING_RUN_DIR"] = runDir,
            ["ONETHING_CLUSTER_PORT"] = SparePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ONETHING_CLUSTER_APP"] = app.Folder,
            ["ONETHING_POSTGRES_CONNECTION"] = postgres,
            // Every applicant of a load run comes from this machine: the per-address limit is not what these tests measure.
            ["OneThing__Access__ChecksPerWindow"] = "100000",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) env["OneThing__" + k.Replace(":", "__", StringComparison.Ordinal)] = v;
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) env[k] = v;
        var result = await Tool.RunAsync("bash", [Path.Combine(Driver.RepositoryRoot(), "scripts", "cluster", "up.sh"), count.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            env, timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0) throw new Xunit.Sdk.XunitException($"scripts/cluster/up.sh {count} exited {result.ExitCode}: {result.Stderr}");
        var exports = ExportLine().Matches(result.Stdout).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));
        return new LocalCluster(runDir, new Uri(exports["ONETHING_CLUSTER_URL"]),
            exports["ONETHING_CLUSTER_PIDS"].Split(' ').Select(int.Parse).ToArray(),
            exports["ONETHING_CLUSTER_INSTANCES"].Split(' ').Select(u => new Uri(u)).ToArray(),
            exports["ONETHING_CLUSTER_DIR"], exports["ONETHING_CLUSTER_DATABASE"].Trim('\''), exports["ONETHING_CLUSTER_BUCKET"],
            exports["ONETHING_CLUSTER_VHOST"]);
    }

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>kill -9: the instance gets no chance to finish anything.</summary>
    public void Kill(int instance) => System.Diagnostics.Process.GetProcessById(_pids[instance]).Kill();

    /// <summary>SIGTERM, as systemd stops a unit: in-flight requests finish, then the process exits.</summary>
    public async Task StopAsync(int instance)
    {
        var result = await Tool.RunAsync("kill", ["-TERM", _pids[instance].ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (result.ExitCode != 0) throw new Xunit.Sdk.XunitException($"kill -TERM {_pids[instance]}: {result.Output}");
        using var process = TryGet(_pids[instance]);
        if (process is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cts.Token);
        }
    }

    /// <summary>
    /// Starts the instance again on its port (its start.sh) and waits until it is ready; <paramref name="environment"/>
    /// is added to its start.sh (so it holds for later starts too), e.g. another broker port.
    /// </summary>
    public async Task StartAgainAsync(int instance, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = Path.Combine(Directory, $"instance-{Instances[instance].Port}", "start.sh");
        if (environment is { Count: > 0 })
        {
            var lines = File.ReadAllLines(start).ToList();
            var launch = lines.FindIndex(l => l.StartsWith("nohup ", StringComparison.Ordinal));
            lines.InsertRange(launch, environment.Select(e => $"export {e.Key}='{e.Value}'"));
            await File.WriteAllLinesAsync(start, lines);
        }
        var result = await Tool.RunAsync("bash", [start]);
        if (result.ExitCode != 0) throw new Xunit.Sdk.XunitException($"{start}: {result.Output}");
        _pids[instance] = int.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = Instances[instance], Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"instance {Instances[instance]} was not ready within 2 minutes: {Log(instance)}");
    }

    /// <summary>Waits until the proxy has passed a request to the instance again (after its restart).</summary>
    public async Task WaitUntilProxiedToAsync(int instance)
    {
        using var http = Client();
        var authority = Instances[instance].Authority;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var seen = ProxyLog().Count;
            using (await http.GetAsync("/health/live")) { }
            if (ProxyLog().Skip(seen).Any(r => r.AnsweredBy == authority)) return;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"the proxy sent nothing to {authority} within 30 s of its restart");
    }

    /// <summary>The last lines of every instance's log, for failure messages.</summary>
    public string RecentLogs(int lines) => string.Join(Environment.NewLine, Instances.Select((u, i) => $"--- {u}:{Environment.NewLine}{Log(i, lines)}"));

    /// <summary>Every instance's logged errors (plain "fail:"/"crit:" or JSON Error/Critical lines and the lines after them), for failure messages.</summary>
    public string Failures(int linesAfter = 12, int most = 4)
    {
        var found = new List<string>();
        for (var i = 0; i < Instances.Count; i++)
        {
            var path = Path.Combine(Directory, $"instance-{Instances[i].Port}", "instance.log");
            if (!File.Exists(path)) continue;
            var lines = File.ReadAllLines(path);
            for (var n = 0; n < lines.Length && found.Count < most; n++)
            {
                if (ErrorLine().IsMatch(lines[n]))
                    found.Add($"--- {Instances[i]} line {n + 1}:{Environment.NewLine}{string.Join(Environment.NewLine, lines.Skip(n).Take(linesAfter + 1))}");
            }
        }
        return found.Count == 0 ? "(no failure logged)" : string.Join(Environment.NewLine, found);
    }

    public string Log(int instance, int lines = 60)
    {
        var path = Path.Combine(Directory, $"instance-{Instances[instance].Port}", "instance.log");
        return File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    /// <summary>nginx's record of each request: the path, its final status and the instances that were tried, in order.</summary>
    /// <summary>
    /// The proxy's log once <paramref name="holds"/> is true of it (at most 10 s): nginx writes a request's line after
    /// the response went out, so a client holding its answer can read the log before that line is there.
    /// </summary>
    public async Task<IReadOnlyList<ProxiedRequest>> ProxyLogAsync(Func<IReadOnlyList<ProxiedRequest>, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var log = ProxyLog();
        while (!holds(log))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"the proxy's log did not come to hold what was waited for within 10 s; its last lines: {string.Join(" | ", log.TakeLast(5))}");
            await Task.Delay(50);
            log = ProxyLog();
        }
        return log;
    }

    public IReadOnlyList<ProxiedRequest> ProxyLog()
    {
        var path = Path.Combine(Directory, "nginx", "logs", "access.log");
        return File.ReadLines(path).Select(ProxiedRequest.Parse).OfType<ProxiedRequest>().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        var stop = Path.Combine(_runDir, "cluster.stop");
        if (File.Exists(stop)) await Tool.RunAsync("bash", [stop], timeout: TimeSpan.FromMinutes(2));
        try
        {
            System.IO.Directory.Delete(_runDir, recursive: true);
        }
        catch (IOException)
        {
            // nginx's files belong to www-data; a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static System.Diagnostics.Process? TryGet(int pid)
    {
        try
        {
            return System.Diagnostics.Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int SparePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^(fail|crit): |\"LogLevel\":\"(Error|Critical)\"")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^export (\w+)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();
}

/// <summary>One line of the proxy's access log (deploy/nginx/onething.conf.template's log_format onething).</summary>
public sealed partial record ProxiedRequest(string Method, string Path, int Status, IReadOnlyList<string> Upstreams, IReadOnlyList<string> UpstreamStatuses, string IdempotencyKey)
{
    public string? AnsweredBy => Upstreams.Count > 0 ? Upstreams[^1] : null;

    public static ProxiedRequest? Parse(string line)
    {
        var m = Line().Match(line);
        if (!m.Success) return null;
        // nginx separates the servers tried for one request with ", " (and internal redirects with " : ").
        static string[] List(string s) => Regex.Split(s.Trim(), @"\s*,\s*|\s+:\s+").Where(x => x.Length > 0 && x != "-").ToArray();
        return new ProxiedRequest(m.Groups["method"].Value, m.Groups["path"].Value, int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
            List(m.Groups["up"].Value), List(m.Groups["ups"].Value), m.Groups["key"].Value);
    }

    [GeneratedRegex("\"(?<method>[A-Z]+) (?<path>\\S+) HTTP/[\\d.]+\" (?<status>\\d{3}) upstream=(?<up>.*?) upstream_status=(?<ups>.*?) idempotency_key=\"(?<key>[^\"]*)\"")]
    private static partial Regex Line();
}
