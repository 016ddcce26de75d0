using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>Keeps every log line (message and exception text) of a host, at every level.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _structured = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Every structured value of every log entry (message template fields and scopes' state), as text.</summary>
    public IReadOnlyCollection<string> StructuredValues => _structured;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines, _structured);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<string> structured) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            Keep(state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            Keep(state);
        }

        private void Keep<TState>(TState state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (name, value) in values)
                {
                    var text = value is System.Collections.IEnumerable items and not string ? string.Join(",", items.Cast<object?>()) : value?.ToString();
                    structured.Enqueue($"{category} {name}={text}");
                }
            }
            else
            {
                structured.Enqueue($"{category} {state}");
            }
        }
    }
}
