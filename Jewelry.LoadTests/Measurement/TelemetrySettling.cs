using Jewelry.LoadTests.Receiver;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// Waits, after load stops, until the services have nothing left to export: what the receiver counted and what the
/// services say they produced no longer change, and every service has sent fresh SDK counters twice since. Then
/// produced and received can be compared exactly (idle services produce no spans: their polling is untraced).
/// </summary>
public static class TelemetrySettling
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<SettledCounts> SettleAsync(
        ReceivedTelemetry received, IReadOnlyCollection<string> services, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exportsAtStart = services.ToDictionary(service => service, service => received.For(service).MetricExports);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = Snapshot(received, services);
        var unchangedSince = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, cancellationToken);
            var current = Snapshot(received, services);
            if (!current.SequenceEqual(last))
            {
                last = current;
                unchangedSince = DateTimeOffset.UtcNow;
                continue;
            }

            var countersFresh = services.All(service => received.For(service).MetricExports >= exportsAtStart[service] + 2);
            if (countersFresh && DateTimeOffset.UtcNow - unchangedSince >= QuietPeriod)
            {
                return new SettledCounts(last, Settled: true);
            }
        }

        return new SettledCounts(Snapshot(received, services), Settled: false);
    }

    private static Dictionary<string, TelemetryCounts> Snapshot(ReceivedTelemetry received, IEnumerable<string> services) =>
        services.ToDictionary(service => service, service => received.For(service).Snapshot());
}

/// <summary>Every service's cumulative counts at a quiet moment; <see cref="Settled"/> is false when none came in time.</summary>
public sealed record SettledCounts(IReadOnlyDictionary<string, TelemetryCounts> Counts, bool Settled)
{
    public TelemetryCounts Total(IEnumerable<string> services) =>
        services.Aggregate(new TelemetryCounts(), (total, service) => Counts.TryGetValue(service, out var counts) ? total.Plus(counts) : total);
}
