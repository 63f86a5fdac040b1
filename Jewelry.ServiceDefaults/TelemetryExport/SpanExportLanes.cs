using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Jewelry.ServiceDefaults.TelemetryExport;

/// <summary>
/// Exports spans in three lanes, each a batch processor with its own queue and exporter: spans that failed (status
/// Error), spans slower than <see cref="SpanExportOptions.SlowSpanThreshold"/>, and all others. When the receiver
/// falls behind and the ordinary queue overflows, an error span still waits only behind other error spans, so the
/// spans an incident needs are not the ones dropped. The failing and the slow spans of a trace are kept this way;
/// its ordinary siblings may not be.
/// </summary>
internal sealed class SpanExportLanes : CompositeProcessor<Activity>
{
    private readonly BaseProcessor<Activity> _errors;
    private readonly BaseProcessor<Activity> _slow;
    private readonly BaseProcessor<Activity> _ordinary;
    private readonly TimeSpan _slowThreshold;

    public SpanExportLanes(Func<BaseExporter<Activity>> createExporter, SpanExportOptions options, BatchExportActivityProcessorOptions batching)
        : this(
            Lane(createExporter(), options.IncidentQueueSize, options, batching),
            Lane(createExporter(), options.IncidentQueueSize, options, batching),
            Lane(createExporter(), options.QueueSize, options, batching),
            options.SlowSpanThreshold)
    {
    }

    private SpanExportLanes(BaseProcessor<Activity> errors, BaseProcessor<Activity> slow, BaseProcessor<Activity> ordinary, TimeSpan slowThreshold)
        : base([errors, slow, ordinary])
    {
        _errors = errors;
        _slow = slow;
        _ordinary = ordinary;
        _slowThreshold = slowThreshold;
    }

    // Batch processors do nothing when a span starts.
    public override void OnStart(Activity data)
    {
    }

    public override void OnEnd(Activity data)
    {
        if (!data.Recorded)
        {
            return;
        }

        var lane = data.Status == ActivityStatusCode.Error ? _errors
            : data.Duration >= _slowThreshold ? _slow
            : _ordinary;
        lane.OnEnd(data);
    }

    private static BatchActivityExportProcessor Lane(
        BaseExporter<Activity> exporter, int queueSize, SpanExportOptions options, BatchExportActivityProcessorOptions batching) =>
        new(exporter, queueSize, batching.ScheduledDelayMilliseconds, batching.ExporterTimeoutMilliseconds, Math.Min(options.MaxExportBatchSize, queueSize));
}
