using System.Collections.Concurrent;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// What the receiver accepted, per service (<c>service.name</c>), counted from the OTLP requests the relay forwarded,
/// and the services' own account of what they produced and dropped (the SDK's <c>otel.sdk.processor.*.processed</c>
/// counters, read from their metric exports). All counts are cumulative since the relay started.
/// </summary>
public sealed class ReceivedTelemetry
{
    private readonly ConcurrentDictionary<string, ServiceTelemetry> _services = new(StringComparer.Ordinal);
    private ConcurrentDictionary<UInt128, bool> _requestSpans = new();

    /// <summary>The parent span id the load generator puts in every request's <c>traceparent</c>.</summary>
    public static ReadOnlySpan<byte> RequestParentSpanId => [0x10, 0xad, 0x9e, 0x4e, 0x7a, 0x70, 0x00, 0x01];

    /// <summary>How the relay's own forwarding to the receiver went.</summary>
    public RelayStatistics Relay { get; } = new();

    public ServiceTelemetry For(string serviceName) => _services.GetOrAdd(serviceName, name => new ServiceTelemetry(name));

    public IReadOnlyCollection<ServiceTelemetry> Services => _services.Values.ToArray();

    /// <summary>A server span of a request the load generator sent arrived; it is an error span or not.</summary>
    public void RecordRequestSpan(UInt128 traceId, bool isError) =>
        _requestSpans.AddOrUpdate(traceId, isError, (_, earlier) => earlier || isError);

    /// <summary>Every service's counts and the exports in hand, as the harness reads them.</summary>
    public ReceiverState ReadState() => new(
        Services.ToDictionary(service => service.Name, service => new ServiceState(service.Snapshot(), service.CountersCollectedAt)),
        Relay.InFlight);

    /// <summary>
    /// The request spans recorded since the last take, which are then forgotten: kept, one entry per request, they would
    /// grow this process's heap through a long run. Taken once the receiver is quiet, so no span is recorded meanwhile.
    /// </summary>
    public RequestSpans TakeRequestSpans()
    {
        var taken = Interlocked.Exchange(ref _requestSpans, new ConcurrentDictionary<UInt128, bool>());
        return new RequestSpans([.. taken.Keys], [.. taken.Where(span => span.Value).Select(span => span.Key)]);
    }
}

/// <summary>One service's counts; <see cref="Snapshot"/> reads them consistently.</summary>
public sealed class ServiceTelemetry(string name)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SdkCounterPoint> _sdkCounters = new(StringComparer.Ordinal);
    private TelemetryCounts _counts = new();

    public string Name { get; } = name;

    /// <summary>
    /// When the SDK counters were last collected in the service (the points' own time): an export that was retried
    /// arrives late with old values, so what matters is when they were read, not when they came.
    /// </summary>
    public DateTimeOffset CountersCollectedAt { get; private set; }

    public TelemetryCounts Snapshot()
    {
        lock (_lock)
        {
            return _counts;
        }
    }

    public void AddSpans(long spans, long errorSpans, long rejected)
    {
        lock (_lock)
        {
            _counts = _counts with
            {
                SpansReceived = _counts.SpansReceived + spans - rejected,
                ErrorSpansReceived = _counts.ErrorSpansReceived + errorSpans,
                SpansRejected = _counts.SpansRejected + rejected,
            };
        }
    }

    public void AddLogRecords(long records, long rejected)
    {
        lock (_lock)
        {
            _counts = _counts with
            {
                LogRecordsReceived = _counts.LogRecordsReceived + records - rejected,
                LogRecordsRejected = _counts.LogRecordsRejected + rejected,
            };
        }
    }

    /// <summary>
    /// One metric export's points of the SDK's processed counters. They are cumulative per attribute set (one per
    /// processor, and per <c>error.type</c>), so each point replaces an older value of its set.
    /// </summary>
    public void UpdateSdkCounters(IEnumerable<SdkCounterPoint> points)
    {
        lock (_lock)
        {
            foreach (var point in points)
            {
                if (!_sdkCounters.TryGetValue(point.SeriesKey, out var known) || known.CollectedAt <= point.CollectedAt)
                {
                    _sdkCounters[point.SeriesKey] = point;
                    CountersCollectedAt = point.CollectedAt > CountersCollectedAt ? point.CollectedAt : CountersCollectedAt;
                }
            }

            long Sum(string metric, bool dropped) => _sdkCounters.Values
                .Where(point => point.Metric == metric && point.Dropped == dropped)
                .Sum(point => point.Value);

            _counts = _counts with
            {
                SpansExported = Sum(SdkCounterPoint.SpanMetric, dropped: false),
                SpansDropped = Sum(SdkCounterPoint.SpanMetric, dropped: true),
                LogRecordsExported = Sum(SdkCounterPoint.LogMetric, dropped: false),
                LogRecordsDropped = Sum(SdkCounterPoint.LogMetric, dropped: true),
            };
        }
    }
}

/// <summary>
/// A point of <c>otel.sdk.processor.span.processed</c> or <c>.log.processed</c>: <paramref name="Series"/> names the
/// processor (<c>otel.component.name</c>), <paramref name="Dropped"/> says <c>error.type</c> was set,
/// <paramref name="CollectedAt"/> is when the service read it.
/// </summary>
public sealed record SdkCounterPoint(string Metric, string Series, bool Dropped, long Value, DateTimeOffset CollectedAt)
{
    public const string SpanMetric = "otel.sdk.processor.span.processed";
    public const string LogMetric = "otel.sdk.processor.log.processed";

    public string SeriesKey => $"{Metric}|{Series}|{(Dropped ? "dropped" : "handed")}";
}

/// <summary>
/// Cumulative counts of one service. Exported: handed to an exporter by a processor; Dropped: refused by a full
/// queue (<c>error.type</c> set); Received: accepted by the receiver.
/// </summary>
public sealed record TelemetryCounts
{
    public long SpansExported { get; init; }
    public long SpansDropped { get; init; }
    public long SpansReceived { get; init; }
    public long ErrorSpansReceived { get; init; }
    public long SpansRejected { get; init; }
    public long LogRecordsExported { get; init; }
    public long LogRecordsDropped { get; init; }
    public long LogRecordsReceived { get; init; }
    public long LogRecordsRejected { get; init; }

    public long SpansProduced => SpansExported + SpansDropped;

    public long LogRecordsProduced => LogRecordsExported + LogRecordsDropped;

    public TelemetryCounts Minus(TelemetryCounts earlier) => this with
    {
        SpansExported = SpansExported - earlier.SpansExported,
        SpansDropped = SpansDropped - earlier.SpansDropped,
        SpansReceived = SpansReceived - earlier.SpansReceived,
        ErrorSpansReceived = ErrorSpansReceived - earlier.ErrorSpansReceived,
        SpansRejected = SpansRejected - earlier.SpansRejected,
        LogRecordsExported = LogRecordsExported - earlier.LogRecordsExported,
        LogRecordsDropped = LogRecordsDropped - earlier.LogRecordsDropped,
        LogRecordsReceived = LogRecordsReceived - earlier.LogRecordsReceived,
        LogRecordsRejected = LogRecordsRejected - earlier.LogRecordsRejected,
    };

    public TelemetryCounts Plus(TelemetryCounts other) => this with
    {
        SpansExported = SpansExported + other.SpansExported,
        SpansDropped = SpansDropped + other.SpansDropped,
        SpansReceived = SpansReceived + other.SpansReceived,
        ErrorSpansReceived = ErrorSpansReceived + other.ErrorSpansReceived,
        SpansRejected = SpansRejected + other.SpansRejected,
        LogRecordsExported = LogRecordsExported + other.LogRecordsExported,
        LogRecordsDropped = LogRecordsDropped + other.LogRecordsDropped,
        LogRecordsReceived = LogRecordsReceived + other.LogRecordsReceived,
        LogRecordsRejected = LogRecordsRejected + other.LogRecordsRejected,
    };
}

/// <summary>Requests forwarded to the receiver: how many failed (refused, unreachable, timed out) and how long the slowest took.</summary>
public sealed class RelayStatistics
{
    private readonly Lock _lock = new();
    private RelayCounts _counts = new(0, 0, 0);
    private int _inFlight;

    /// <summary>Span and log exports taken from the services and not answered yet: while there are any, nothing is settled.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Forwarded(TimeSpan took, bool succeeded)
    {
        lock (_lock)
        {
            _counts = new RelayCounts(
                _counts.Requests + 1, _counts.Failed + (succeeded ? 0 : 1), Math.Max(_counts.SlowestMs, took.TotalMilliseconds));
        }
    }

    public void Answered() => Interlocked.Decrement(ref _inFlight);

    /// <summary>The counts so far, and the slowest forward since the last call.</summary>
    public RelayCounts TakeSnapshot()
    {
        lock (_lock)
        {
            var snapshot = _counts;
            _counts = _counts with { SlowestMs = 0 };
            return snapshot;
        }
    }
}

public sealed record RelayCounts(long Requests, long Failed, double SlowestMs);
