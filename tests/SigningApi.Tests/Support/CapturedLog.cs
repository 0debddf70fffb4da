using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>One log call as the service made it, and the line the console would have written for it.</summary>
public sealed record CapturedEntry(
    string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State,
    IReadOnlyList<string> Scopes, string? Exception, string ConsoleLine)
{
    /// <summary>Everything the entry carries as text: message, state values, scopes, exception and the console line.</summary>
    public string AllText =>
        string.Join('\n', new[] { Category, Message, Exception ?? "", ConsoleLine }
            .Concat(State.Select(p => $"{p.Key}={p.Value}")).Concat(Scopes));
}

/// <summary>
/// A logger provider that keeps every log call of every category, with its scopes, and renders each
/// one through the console formatter the service configured (the one <c>OneThing:Logging:Format</c>
/// picked), so a test sees what an operator's log collector would receive.
/// </summary>
public sealed class CapturedLog(IEnumerable<ConsoleFormatter> formatters, IOptionsMonitor<ConsoleLoggerOptions> console)
    : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedEntry> Entries => _entries.ToArray();

    public ConsoleFormatter Formatter => formatters.Single(f => f.Name == (console.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturedLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
            }, scopes);
            var stateList = state is IEnumerable<KeyValuePair<string, object?>> kv ? kv.ToList() : [];
            using var line = new StringWriter(new StringBuilder());
            owner.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, line);
            owner._entries.Enqueue(new CapturedEntry(category, logLevel, eventId, formatter(state, exception), stateList, scopes,
                exception?.ToString(), line.ToString()));
        }
    }
}
