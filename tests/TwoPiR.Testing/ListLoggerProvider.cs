using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TwoPiR.Testing;

/// <summary>Keeps every log entry in memory so tests can assert on what was logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Entries with the given event id.</summary>
    public IReadOnlyList<LogEntry> WithEventId(int id) => [.. _entries.Where(entry => entry.EventId == id)];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class ListLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
