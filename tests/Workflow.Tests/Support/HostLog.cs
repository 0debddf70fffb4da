using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// Keeps the recent log of one or more service instances in memory, so a test that times out
/// waiting for the workflow can say what the bus and the consumers were doing (CI shows only the
/// failure message). Two instances of one deployment may share one log.
/// </summary>
public sealed class HostLog : ILoggerProvider
{
    private const int Capacity = 2000;
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public string Tail(int count) => string.Join(Environment.NewLine, _lines.ToArray().TakeLast(count));

    /// <summary>Waits until a line containing <paramref name="text"/> has been logged.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"the service did not log \"{text}\" within {timeout}. Its recent log:{Environment.NewLine}{Tail(80)}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        // The lines stay readable after the host that wrote them has stopped.
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity) _lines.TryDequeue(out _);
    }

    // The case workflow's own logs: the outbox and expiry sweep (core), intake's and the post-seal consumers and adapters.
    private static readonly string[] WorkflowCategories = ["OneThing.SigningApi.Core", "OneThing.SigningApi.Intake", "OneThing.SigningApi.PostSeal"];

    /// <summary>The workflow and the bus at Information, everything else from Warning.</summary>
    private static bool Wanted(string category, LogLevel level) =>
        level >= LogLevel.Warning
        || (level >= LogLevel.Information && (category.StartsWith("MassTransit", StringComparison.Ordinal) || WorkflowCategories.Any(c => category.StartsWith(c, StringComparison.Ordinal))));

    private sealed class Logger(HostLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => Wanted(category, logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel.ToString()[..4]} {category}: {formatter(state, exception)}";
            if (exception is not null) line += $" [{exception.GetType().Name}: {exception.Message}]";
            log.Add(line);
        }
    }
}
