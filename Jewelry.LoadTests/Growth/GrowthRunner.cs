using System.Diagnostics;
using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Seeding;
using Jewelry.LoadTests.Systems;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests.Growth;

/// <summary>
/// Work that grows: the mix at one fixed rate on the databases as the run started them (empty but for what the warm-up
/// and a first, uncounted phase wrote), then again on the same system after <see cref="HistorySeeder"/> filled them with a year of orders. Each
/// operation's latency before and after says which query does not hold as the tables grow.
/// </summary>
public sealed class GrowthRunner(IReadOnlyList<Shoppers> systems, int maxInFlight, Action<string> say)
{
    public async Task<GrowthOutcome> RunAsync(double requestsPerSecond, TimeSpan phase, int orders, int customers, CancellationToken cancellationToken)
    {
        var results = new List<GrowthResult>();
        foreach (var shoppers in systems)
        {
            // The first minutes after start-up are slower whatever the data (JIT, caches, the services' first rounds): not the baseline.
            await MeasureAsync(shoppers, "settling on empty", requestsPerSecond, phase, cancellationToken);
            var empty = await MeasureAsync(shoppers, "empty", requestsPerSecond, phase, cancellationToken);
            say($"{shoppers.System.Variant.Label()}: seeding {orders} orders and {customers} customers");
            var seeding = await HistorySeeder.SeedAsync(shoppers.System, orders, customers, cancellationToken);
            say($"{shoppers.System.Variant.Label()}: seeded in {seeding.TotalSeconds:0} s");
            var seeded = await MeasureAsync(shoppers, "seeded", requestsPerSecond, phase, cancellationToken);
            results.Add(new GrowthResult(shoppers.System.Variant, empty, seeding.TotalSeconds, seeded));
        }

        return new GrowthOutcome(requestsPerSecond, phase.TotalSeconds, orders, customers, results);
    }

    private async Task<RequestStats> MeasureAsync(Shoppers shoppers, string databases, double requestsPerSecond, TimeSpan phase, CancellationToken cancellationToken)
    {
        var recorder = new PhaseRecorder();
        var started = Stopwatch.GetTimestamp();
        await LoadDrivers.RunOpenLoopAsync(shoppers, requestsPerSecond, phase, maxInFlight, recorder, cancellationToken);
        var requests = recorder.Summarize(Stopwatch.GetElapsedTime(started));
        say($"{shoppers.System.Variant.Label()}, {databases} databases: {requests.RequestsPerSecond:0.0} req/s  p50 {requests.P50Ms:0.0} ms  " +
            $"p99 {requests.P99Ms:0.0} ms  5xx {requests.ServerErrors + requests.TransportFailures}");
        return requests;
    }
}

/// <summary>The rate and phase length the growth was measured at, how much was seeded, and each variant's result.</summary>
public sealed record GrowthOutcome(double OfferedRequestsPerSecond, double PhaseSeconds, int Orders, int Customers, IReadOnlyList<GrowthResult> Variants);

/// <summary>One variant's requests on the empty databases and on the seeded ones, and how long seeding took.</summary>
public sealed record GrowthResult(TelemetryVariant Variant, RequestStats Empty, double SeedSeconds, RequestStats Seeded);
