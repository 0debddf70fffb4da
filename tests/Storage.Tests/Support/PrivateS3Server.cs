using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace OneThing.Storage.Tests.Support;

/// <summary>
/// A second s3rver of the test's own (same script as test.sh, its own run folder and data), so the
/// outage test can stop and restart it without disturbing the shared server.
/// </summary>
public sealed partial class PrivateS3Server : IAsyncDisposable
{
    private readonly string _runDir = Directory.CreateTempSubdirectory("onething-s3-").FullName;

    public string Endpoint { get; private set; } = "";
    public int Port { get; private set; }

    public static string RepositoryRoot =>
        typeof(PrivateS3Server).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;

    public async Task StartAsync()
    {
        var script = Path.Combine(RepositoryRoot, "storage", "start-local-s3.sh");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: cannot start a private S3 server.");
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ONETHING_RUN_DIR"] = _runDir;
        // restart on the same port so the store's endpoint stays valid
        if (Port != 0) start.Environment["ONETHING_S3_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"start-local-s3.sh failed ({process.ExitCode}): {await stderr}");
        var match = EndpointLine().Match(await stdout);
        if (!match.Success) throw new InvalidOperationException($"start-local-s3.sh printed no endpoint: {await stdout}");
        Endpoint = match.Groups[1].Value;
        Port = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task StopAsync()
    {
        var stop = Path.Combine(_runDir, "s3.stop");
        if (!File.Exists(stop)) return;
        using var process = Process.Start(new ProcessStartInfo("bash", [stop]))!;
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_runDir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    [GeneratedRegex(@"export ONETHING_S3_ENDPOINT=(127\.0\.0\.1:(\d+))")]
    private static partial Regex EndpointLine();
}
