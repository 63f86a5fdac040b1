using Jewelry.LoadTests.Receiver;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// Waits, after load stops, until the services have nothing left to export: the relay has no request in hand, what
/// the receiver counted and what the services say they produced have not changed for a while, and every service's
/// SDK counters were read inside that quiet while. Then produced and received can be compared exactly (idle services
/// produce no spans: their polling is untraced).
/// </summary>
public static class TelemetrySettling
{
    // Longer than the services' export delay (1 s under Aspire) and the exporter's first retry back-offs, so that a
    // queue still waiting to be sent shows up as a change before the quiet while ends.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<SettledCounts> SettleAsync(
        ReceiverProcess receiver, IReadOnlyCollection<string> services, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var last = Counts(await receiver.ReadStateAsync(cancellationToken), services);
        var quietSince = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, cancellationToken);
            var state = await receiver.ReadStateAsync(cancellationToken);
            var current = Counts(state, services);
            if (state.InFlight > 0 || !current.SequenceEqual(last))
            {
                last = current;
                quietSince = DateTimeOffset.UtcNow;
                continue;
            }

            // The counters must have been read in the service after the last change, not sent before it and delivered late.
            var countersFresh = services.All(service => state.CountersCollectedAt(service) > quietSince);
            if (countersFresh && DateTimeOffset.UtcNow - quietSince >= QuietPeriod)
            {
                return new SettledCounts(last, Settled: true);
            }
        }

        return new SettledCounts(Counts(await receiver.ReadStateAsync(cancellationToken), services), Settled: false);
    }

    private static Dictionary<string, TelemetryCounts> Counts(ReceiverState state, IEnumerable<string> services) =>
        services.ToDictionary(service => service, state.CountsOf);
}

/// <summary>Every service's cumulative counts at a quiet moment; <see cref="Settled"/> is false when none came in time.</summary>
public sealed record SettledCounts(IReadOnlyDictionary<string, TelemetryCounts> Counts, bool Settled)
{
    public TelemetryCounts Total(IEnumerable<string> services) =>
        services.Aggregate(new TelemetryCounts(), (total, service) => Counts.TryGetValue(service, out var counts) ? total.Plus(counts) : total);
}
