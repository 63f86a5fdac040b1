using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jewelry.ServiceDefaults.TelemetryExport;

/// <summary>
/// Says in the log when the service drops telemetry. The OpenTelemetry SDK counts every span and log record its
/// batch processors refuse because their queue is full (<c>otel.sdk.processor.span.processed</c> and
/// <c>otel.sdk.processor.log.processed</c> with <c>error.type</c>, meter <c>otel.sdk.experimental</c>); those
/// counters are exported with the service's metrics, and this monitor turns them into a warning: within a second of
/// the first drop, then at most once per <see cref="ReportInterval"/> while drops go on, with the counts since the
/// last warning.
/// </summary>
internal sealed partial class TelemetryLossMonitor(ILogger<TelemetryLossMonitor> logger) : IHostedService, IDisposable
{
    public const string SdkMeterName = "otel.sdk.experimental";
    private const string SpanProcessed = "otel.sdk.processor.span.processed";
    private const string LogProcessed = "otel.sdk.processor.log.processed";

    internal static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly MeterListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _reporting = Task.CompletedTask;
    private long _droppedSpans;
    private long _droppedLogRecords;

    /// <summary>Listens before it returns, so no drop after the service started goes uncounted.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SdkMeterName && instrument.Name is SpanProcessed or LogProcessed)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnProcessed);
        _listener.Start();
        _reporting = ReportAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _reporting.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stopping.Dispose();
    }

    private async Task ReportAsync(CancellationToken stoppingToken)
    {
        var lastWarning = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (DateTimeOffset.UtcNow - lastWarning < ReportInterval)
                {
                    continue;
                }

                var spans = Interlocked.Exchange(ref _droppedSpans, 0);
                var logRecords = Interlocked.Exchange(ref _droppedLogRecords, 0);
                if (spans + logRecords > 0)
                {
                    LogTelemetryDropped(logger, spans, logRecords);
                    lastWarning = DateTimeOffset.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnProcessed(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "error.type")
            {
                Interlocked.Add(ref instrument.Name == SpanProcessed ? ref _droppedSpans : ref _droppedLogRecords, value);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Telemetry was dropped: {Spans} spans and {LogRecords} log records since the last warning, because an export queue was full " +
                  "(the receiver takes less than the service produces). Counted by otel.sdk.processor.span.processed / .log.processed with error.type.")]
    private static partial void LogTelemetryDropped(ILogger logger, long spans, long logRecords);
}
