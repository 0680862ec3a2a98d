using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>Every log line of Information or above a host writes, with its fields, its exception and the scopes it is
/// written in (the JSON console writes them too: a scope holding a path would leak on every line of the request).
/// Added to a host as one more <see cref="ILoggerProvider"/>.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    public sealed record Line(LogLevel Level, string Category, string Message, Exception? Error, string Text);

    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    private readonly ConcurrentQueue<Line> lines = new();

    public IReadOnlyList<Line> Lines => lines.ToArray();

    public ILogger CreateLogger(string category) => new Logger(category, this);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
        {
            if (!IsEnabled(level)) return;
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            var scope = new List<string>();
            owner.scopes.ForEachScope((s, list) => list.Add(s is IEnumerable<KeyValuePair<string, object?>> kv
                ? string.Join(" ", kv.Select(p => $"{p.Key}={p.Value}")) : s?.ToString() ?? ""), scope);
            var message = format(state, error);
            owner.lines.Enqueue(new Line(level, category, message, error,
                $"{level} {category}: {message} {fields} {error} scopes: {string.Join(" | ", scope)}"));
        }
    }
}
