using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansVm.TestSupport;

/// <summary>One captured log entry: everything a log sink could print (message, named fields, exception with stack).</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, string?> Fields, string? Exception)
{
    public string? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;

    /// <summary>All of it as one text: what a secret must never be part of.</summary>
    public string FullText => $"{Category} {EventId} {Message} {string.Join(' ', Fields.Select(f => $"{f.Key}={f.Value}"))} {Exception}";
}

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every entry with its structured fields and the exception's full
/// text (message, inner exceptions, stack), for tests that check what the silo logs and what it never logs.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Capture(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Capture(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs) fields[key] = value?.ToString();
            }
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), fields, exception?.ToString()));
        }
    }
}
