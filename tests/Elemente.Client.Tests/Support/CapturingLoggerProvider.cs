using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Elemente.Tests;

/// <summary>Collects every log record, with its rendered message and structured properties.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private readonly Func<LogLevel, bool> _enabled;

    /// <param name="enabled">Which levels its loggers say they log (all when not given), as a host's filter would.</param>
    public CapturingLoggerProvider(Func<LogLevel, bool>? enabled = null)
    {
        _enabled = enabled ?? (_ => true);
        Factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
    }

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<LogRecord> Records => _records.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal sealed record LogRecord(string Category, LogLevel Level, string? EventName, string Message, IReadOnlyDictionary<string, object?> Properties, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category} {EventName}: {Message} {Exception}";
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturingLoggerProvider _provider;
        private readonly string _category;

        public Logger(CapturingLoggerProvider provider, string category)
        {
            _provider = provider;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _provider._enabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            _provider._records.Enqueue(new LogRecord(_category, logLevel, eventId.Name, formatter(state, exception), properties, exception));
        }
    }
}
