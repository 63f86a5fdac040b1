using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Jewelry.LoadTests.Systems;

/// <summary>
/// Keeps what every resource printed (services, PostgreSQL, RabbitMQ) in <c>logs/&lt;resource&gt;.log</c> of the run's
/// output directory, each line with the time it was read: DCP deletes its own copies when the run ends, and a stall
/// found in the results is explained by the warnings around its minute.
/// </summary>
internal sealed class ResourceLogFiles(string directory) : ILoggerProvider
{
    /// <summary>The categories the testing builder forwards resource output under: <c>&lt;AppHost assembly&gt;.Resources.&lt;resource&gt;</c>.</summary>
    public static readonly string CategoryPrefix = $"{typeof(AppHost.ResourceNames).Assembly.GetName().Name}.Resources.";

    private readonly ConcurrentDictionary<string, ResourceLog> _logs = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => categoryName.StartsWith(CategoryPrefix, StringComparison.Ordinal)
        ? _logs.GetOrAdd(categoryName[CategoryPrefix.Length..], resource => new ResourceLog(Path.Combine(directory, $"{resource}.log")))
        : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
    }

    /// <summary>One resource's file, created at its first line: resources that print nothing leave none.</summary>
    private sealed class ResourceLog(string path) : ILogger, IDisposable
    {
        private readonly Lock _lock = new();
        private StreamWriter? _writer;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {formatter(state, exception)}";
            lock (_lock)
            {
                if (_writer is null)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    _writer = new StreamWriter(path, append: true) { AutoFlush = true };
                }

                _writer.WriteLine(line);
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                // A line that still comes (a resource's last words at shutdown) opens the file again instead of throwing.
                _writer?.Dispose();
                _writer = null;
            }
        }
    }
}
