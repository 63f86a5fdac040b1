using System.Diagnostics;
using Jewelry.ServiceDefaults.TelemetryExport;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.TelemetryExport;

/// <summary>Drops are said in the log: within seconds of the first one, with the count the SDK measured.</summary>
[Collection(RunsAlone.Name)]
public sealed class TelemetryLossMonitorTests
{
    [Fact]
    public async Task A_full_export_queue_is_logged_as_a_warning_with_the_number_of_dropped_spans()
    {
        var log = new CapturingLogger();
        using var monitor = new TelemetryLossMonitor(log);
        await monitor.StartAsync(CancellationToken.None);

        using var answering = new ManualResetEventSlim();
        var source = new ActivitySource(nameof(A_full_export_queue_is_logged_as_a_warning_with_the_number_of_dropped_spans));
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddProcessor(new BatchActivityExportProcessor(new StalledExporter(answering), maxQueueSize: 10, maxExportBatchSize: 10))
            .Build())
        {
            for (var index = 0; index < 100; index++)
            {
                using var span = source.StartActivity("span");
            }

            var warning = await log.WaitForAsync(entry => entry.Level == LogLevel.Warning, TimeSpan.FromSeconds(10));
            answering.Set();

            // At most 10 queued and 10 in the exporter's hands: the other 80 or more were dropped, and said so.
            var dropped = long.Parse(warning.Message.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(dropped, 80, 100);
            Assert.Contains("spans and 0 log records", warning.Message, StringComparison.Ordinal);
        }

        await monitor.StopAsync(CancellationToken.None);
    }

    private sealed class StalledExporter(ManualResetEventSlim answering) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            answering.Wait();
            return ExportResult.Success;
        }
    }

    private sealed record LogEntry(LogLevel Level, string Message);

    private sealed class CapturingLogger : ILogger<TelemetryLossMonitor>
    {
        private readonly List<LogEntry> _entries = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add(new LogEntry(logLevel, formatter(state, exception)));
            }
        }

        public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> matches, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            while (true)
            {
                lock (_entries)
                {
                    if (_entries.FirstOrDefault(matches) is { } entry)
                    {
                        return entry;
                    }
                }

                await Task.Delay(50, deadline.Token);
            }
        }
    }
}
