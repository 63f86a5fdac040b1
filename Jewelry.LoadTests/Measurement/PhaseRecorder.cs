using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// The requests of one phase: latency (from when the request was due, so a server that falls behind shows its
/// queueing too), status classes, and each request's trace id and outcome for the receiver's account. Also how late
/// the generator itself sent each request after it was due: latency that is the generator's, not the system's.
/// </summary>
public sealed class PhaseRecorder
{
    private const long MaxLatencyMicroseconds = 120_000_000;

    private readonly LongConcurrentHistogram _latency = NewHistogram();
    private readonly ConcurrentDictionary<Operation, LongConcurrentHistogram> _latencyByOperation = new();
    private readonly LongConcurrentHistogram _sendDelay = NewHistogram();
    private readonly Lock _lock = new();
    private readonly List<RequestResult> _results = [];
    private long _notSent;

    /// <summary>A request due at <paramref name="dueTimestamp"/> and sent at <paramref name="sentTimestamp"/> (when due, if not given).</summary>
    public void Record(RequestResult result, long dueTimestamp, long? sentTimestamp = null)
    {
        var clamped = Microseconds(Stopwatch.GetElapsedTime(dueTimestamp));
        _latency.RecordValue(clamped);
        _latencyByOperation.GetOrAdd(result.Operation, _ => NewHistogram()).RecordValue(clamped);
        _sendDelay.RecordValue(Microseconds(Stopwatch.GetElapsedTime(dueTimestamp, sentTimestamp ?? dueTimestamp)));
        lock (_lock)
        {
            _results.Add(result);
        }
    }

    /// <summary>An open-loop request that was due but not sent: the generator's own limit of requests in flight.</summary>
    public void RecordNotSent() => Interlocked.Increment(ref _notSent);

    public IReadOnlyList<RequestResult> Results
    {
        get
        {
            lock (_lock)
            {
                return _results.ToList();
            }
        }
    }

    public RequestStats Summarize(TimeSpan duration)
    {
        var results = Results;
        return new RequestStats(
            Sent: results.Count,
            NotSent: Interlocked.Read(ref _notSent),
            Succeeded: results.Count(result => result.StatusCode is >= 200 and < 400),
            ClientErrors: results.Count(result => result.StatusCode is >= 400 and < 500),
            ServerErrors: results.Count(result => result.StatusCode >= 500),
            TransportFailures: results.Count(result => result.StatusCode == RequestResult.TransportFailure),
            RequestsPerSecond: results.Count / duration.TotalSeconds,
            P50Ms: Percentile(_latency, 50),
            P90Ms: Percentile(_latency, 90),
            P99Ms: Percentile(_latency, 99),
            MaxMs: _latency.GetMaxValue() / 1000.0,
            SendDelayP99Ms: Percentile(_sendDelay, 99),
            SendDelayMaxMs: _sendDelay.GetMaxValue() / 1000.0,
            ByOperation: _latencyByOperation.OrderBy(entry => entry.Key).ToDictionary(
                entry => entry.Key.ToString(),
                entry => new OperationStats(entry.Value.TotalCount, Percentile(entry.Value, 50), Percentile(entry.Value, 99))));
    }

    private static long Microseconds(TimeSpan elapsed) =>
        Math.Clamp(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, 1, MaxLatencyMicroseconds);

    private static LongConcurrentHistogram NewHistogram() => new(1, MaxLatencyMicroseconds, 3);

    private static double Percentile(LongConcurrentHistogram latency, double percentile) =>
        latency.TotalCount == 0 ? 0 : latency.GetValueAtPercentile(percentile) / 1000.0;
}

/// <summary>
/// Requests of one phase, and their latency in milliseconds; the send delay is how late the generator sent them after
/// they were due (open loop; 0 in a closed loop), which a stall of the generator's own process shows in.
/// </summary>
public sealed record RequestStats(
    int Sent,
    long NotSent,
    int Succeeded,
    int ClientErrors,
    int ServerErrors,
    int TransportFailures,
    double RequestsPerSecond,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double SendDelayP99Ms,
    double SendDelayMaxMs,
    IReadOnlyDictionary<string, OperationStats> ByOperation);

/// <summary>One operation's requests in a phase (as sent: one that had nothing to act on counts as what it sent instead).</summary>
public sealed record OperationStats(long Count, double P50Ms, double P99Ms);
