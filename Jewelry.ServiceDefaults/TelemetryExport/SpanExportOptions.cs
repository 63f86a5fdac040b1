namespace Jewelry.ServiceDefaults.TelemetryExport;

/// <summary>
/// How spans wait for the receiver (configuration section <c>Tracing:Export</c>). These replace
/// <c>OTEL_BSP_MAX_QUEUE_SIZE</c> and <c>OTEL_BSP_MAX_EXPORT_BATCH_SIZE</c>; the schedule delay and export timeout
/// still come from <c>OTEL_BSP_SCHEDULE_DELAY</c> and <c>OTEL_BSP_EXPORT_TIMEOUT</c>.
/// </summary>
public sealed class SpanExportOptions
{
    public const string SectionName = "Tracing:Export";

    /// <summary>What a queued span is reckoned to hold in memory (the activity and its attributes).</summary>
    public const int EstimatedBytesPerSpan = 2048;

    /// <summary>
    /// Memory the queue of ordinary spans may take while the receiver falls behind or is away; its capacity is this
    /// divided by <see cref="EstimatedBytesPerSpan"/>. Beyond it spans are dropped, counted and logged.
    /// </summary>
    public int QueueMemoryMiB { get; set; } = 64;

    /// <summary>Spans each of the error and slow lanes holds: incidents are a small share of the traffic.</summary>
    public int IncidentQueueSize { get; set; } = 4096;

    /// <summary>Spans per export request: fewer, larger requests cost the service and the receiver less.</summary>
    public int MaxExportBatchSize { get; set; } = 512;

    /// <summary>A span at least this long goes to the slow lane (the collector's slow-trace policy uses the same 2 s).</summary>
    public TimeSpan SlowSpanThreshold { get; set; } = TimeSpan.FromSeconds(2);

    public int QueueSize => (int)Math.Max(MaxExportBatchSize, QueueMemoryMiB * 1024L * 1024L / EstimatedBytesPerSpan);
}
