using Microsoft.Extensions.Logging;

namespace CareTracking.Benchmarks;

/// <summary>
/// Npgsql's own log of a store's request pool, kept in memory (the benchmark's <c>--trace-sql</c>): what one save
/// sends, statement by statement, and how many round trips and transactions it takes.
/// </summary>
internal sealed class SqlTrace : ILoggerFactory, ILogger
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return [.. lines]; }
    }

    public void Clear()
    {
        lock (lines) lines.Clear();
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var line = formatter(state, exception).ReplaceLineEndings(" ");
        lock (lines) lines.Add(line);
    }
}
