using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// A subscriber written outside .NET: Node.js with amqplib binds its own queue to the events'
/// fanout exchanges (<c>OneThing.Contracts.Events.V1:&lt;Type&gt;</c>) and prints every envelope it receives.
/// amqplib is npm-installed once into a cache folder under the run directory.
/// </summary>
public sealed class NodeEventListener : IAsyncDisposable
{
    private const string Script = """
        const amqp = require('amqplib');
        const [url, ...types] = process.argv.slice(2);
        (async () => {
          const connection = await amqp.connect(url);
          const channel = await connection.createChannel();
          const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
          for (const type of types) {
            const exchange = `OneThing.Contracts.Events.V1:${type}`;
            await channel.assertExchange(exchange, 'fanout', { durable: true });
            await channel.bindQueue(queue, exchange, '');
          }
          await channel.consume(queue, m => { process.stdout.write(m.content.toString('utf8').replace(/\n/g, ' ') + '\n'); channel.ack(m); });
          process.stdout.write('READY\n');
        })().catch(e => { process.stderr.write(String(e.stack || e) + '\n'); process.exit(1); });
        """;

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public ConcurrentQueue<JsonObject> Envelopes { get; } = new();

    private NodeEventListener(Process process) => _process = process;

    /// <summary>Subscribes to <paramref name="types"/> on <paramref name="virtualHost"/> (the broker's default one when null).</summary>
    public static async Task<NodeEventListener> StartAsync(Services.RabbitMq broker, IEnumerable<string> types, string? virtualHost = null)
    {
        var cache = Path.Combine(Environment.GetEnvironmentVariable("ONETHING_RUN_DIR") ?? Path.Combine(Path.GetTempPath(), "onething-run"), "npm-amqplib");
        Directory.CreateDirectory(cache);
        if (!File.Exists(Path.Combine(cache, "node_modules", "amqplib", "package.json")))
        {
            await RunAsync("npm", cache, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", cache, "amqplib@0.10.4");
        }
        var script = Path.Combine(cache, "listen.js");
        await File.WriteAllTextAsync(script, Script);
        var start = new ProcessStartInfo("node", [script, $"amqp://guest:guest@{broker.Host}:{broker.Port}" + (virtualHost is null ? "" : "/" + Uri.EscapeDataString(virtualHost)), .. types])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cache,
        };
        start.Environment["NODE_PATH"] = Path.Combine(cache, "node_modules");
        var listener = new NodeEventListener(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
        listener._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data == "READY") listener._ready.TrySetResult();
            else listener.Envelopes.Enqueue(JsonNode.Parse(e.Data)!.AsObject());
        };
        listener._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) listener._ready.TrySetException(new InvalidOperationException("node listener: " + e.Data)); };
        listener._process.BeginOutputReadLine();
        listener._process.BeginErrorReadLine();
        await listener._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return listener;
    }

    private static async Task RunAsync(string file, string directory, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{file} did not start (Node.js with npm is required)");
        var err = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) Assert.Fail($"{file} {string.Join(' ', args)} failed: {await err}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
