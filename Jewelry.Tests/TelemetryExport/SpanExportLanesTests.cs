using System.Diagnostics;
using System.Diagnostics.Metrics;
using Jewelry.ServiceDefaults.TelemetryExport;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.TelemetryExport;

/// <summary>
/// The export lanes under a forced overflow: the receiver stalls (the exporter blocks), ordinary spans overflow their
/// queue, and the error and slow spans produced meanwhile must all be exported once it answers again. The SDK's
/// own counter must account for every dropped span.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class SpanExportLanesTests
{
    private const int OrdinarySpans = 3_000;
    private const int ErrorSpans = 200;
    private const int SlowSpans = 200;

    private static readonly SpanExportOptions SmallQueues = new()
    {
        QueueMemoryMiB = 1, // 512 ordinary spans
        IncidentQueueSize = 256,
        MaxExportBatchSize = 64,
        SlowSpanThreshold = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public void Error_and_slow_spans_survive_an_overflow_of_the_ordinary_queue_and_every_drop_is_counted()
    {
        using var receiver = new StalledReceiver();
        using var drops = new DroppedSpanCounter();
        var source = new ActivitySource(nameof(Error_and_slow_spans_survive_an_overflow_of_the_ordinary_queue_and_every_drop_is_counted));
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddProcessor(new SpanExportLanes(() => new ReceiverExporter(receiver), SmallQueues, new BatchExportActivityProcessorOptions()))
            .Build())
        {
            ProduceOverload(source);
            receiver.Answer();
            provider.ForceFlush();
        }

        Assert.Equal(ErrorSpans, receiver.Exported.Count(span => span.Status == ActivityStatusCode.Error));
        Assert.Equal(SlowSpans, receiver.Exported.Count(span => span.DisplayName == "slow"));
        var ordinaryExported = receiver.Exported.Count(span => span.DisplayName == "ordinary");
        Assert.InRange(ordinaryExported, 1, SmallQueues.QueueSize + SmallQueues.MaxExportBatchSize);
        Assert.Equal(OrdinarySpans - ordinaryExported, drops.Dropped);
    }

    [Fact]
    public void Without_lanes_the_same_overflow_loses_error_spans()
    {
        using var receiver = new StalledReceiver();
        var source = new ActivitySource(nameof(Without_lanes_the_same_overflow_loses_error_spans));
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddProcessor(new BatchActivityExportProcessor(new ReceiverExporter(receiver), SmallQueues.QueueSize, maxExportBatchSize: SmallQueues.MaxExportBatchSize))
            .Build())
        {
            ProduceOverload(source);
            receiver.Answer();
            provider.ForceFlush();
        }

        Assert.True(receiver.Exported.Count(span => span.Status == ActivityStatusCode.Error) < ErrorSpans);
    }

    /// <summary>Ordinary spans first, so their queue is full when the errors and slow spans come, then the rest mixed in.</summary>
    private static void ProduceOverload(ActivitySource source)
    {
        for (var index = 0; index < OrdinarySpans; index++)
        {
            using var ordinary = source.StartActivity("ordinary");
            if (index % 10 == 0 && index / 10 < ErrorSpans)
            {
                using var failed = source.StartActivity("failed");
                failed?.SetStatus(ActivityStatusCode.Error, "boom");
            }

            if (index % 10 == 5 && index / 10 < SlowSpans)
            {
                var start = DateTime.UtcNow - TimeSpan.FromSeconds(3);
                using var slow = source.StartActivity("slow", ActivityKind.Internal, default(ActivityContext), startTime: start);
            }
        }
    }

    /// <summary>The receiver at the system's edge: it takes nothing until <see cref="Answer"/>, like a dashboard that froze.</summary>
    private sealed class StalledReceiver : IDisposable
    {
        private readonly ManualResetEventSlim _answering = new();
        private readonly List<Activity> _exported = [];

        public IReadOnlyList<Activity> Exported
        {
            get
            {
                lock (_exported)
                {
                    return [.. _exported];
                }
            }
        }

        public void Answer() => _answering.Set();

        public void Take(in Batch<Activity> batch)
        {
            _answering.Wait();
            lock (_exported)
            {
                foreach (var activity in batch)
                {
                    _exported.Add(activity);
                }
            }
        }

        public void Dispose() => _answering.Dispose();
    }

    private sealed class ReceiverExporter(StalledReceiver receiver) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            receiver.Take(batch);
            return ExportResult.Success;
        }
    }

    /// <summary>The SDK's <c>otel.sdk.processor.span.processed</c> measurements that carry <c>error.type</c>.</summary>
    private sealed class DroppedSpanCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _dropped;

        public DroppedSpanCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "otel.sdk.experimental" && instrument.Name == "otel.sdk.processor.span.processed")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "error.type" && Equals(tag.Value, "queue_full"))
                    {
                        Interlocked.Add(ref _dropped, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Dropped => Interlocked.Read(ref _dropped);

        public void Dispose() => _listener.Dispose();
    }
}
