using System.Diagnostics;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// Warms a system up with the closed loop until its services have compiled what the load runs. A .NET service goes on
/// recompiling hot methods in the background (tiered compilation, dynamic PGO) for a minute or more of load; a variant
/// measured before that pays for its compiler too, and a warm-up of fixed length leaves the variant with the most code
/// (telemetry) compiling longest. Settled: over a slice of load, the tiered compilation workers of all the system's
/// services used at most <see cref="SettledShare"/> of one core.
/// </summary>
internal sealed class CompilationWarmUp(int concurrency, TimeSpan minimum, TimeSpan maximum)
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(10);

    private const double SettledShare = 0.02;

    public async Task<WarmUp> RunAsync(Shoppers shoppers, IEnumerable<ProcessUsage> services, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workers = WorkerTicks(services);
        while (true)
        {
            var sliceStarted = Stopwatch.GetTimestamp();
            var slice = maximum > minimum ? Slice : minimum;
            await LoadDrivers.RunClosedLoopAsync(shoppers, concurrency, slice, new PhaseRecorder(), cancellationToken);
            var workersNow = WorkerTicks(services);
            var share = CompilationSeconds(workers, workersNow) / Stopwatch.GetElapsedTime(sliceStarted).TotalSeconds;
            workers = workersNow;
            var elapsed = Stopwatch.GetElapsedTime(started);
            if ((share <= SettledShare && elapsed >= minimum) || elapsed >= maximum)
            {
                return new WarmUp(elapsed.TotalSeconds, share, share <= SettledShare);
            }
        }
    }

    private static Dictionary<string, long> WorkerTicks(IEnumerable<ProcessUsage> services) =>
        services.SelectMany(service => service.TieredCompilationTicks()).ToDictionary();

    /// <summary>
    /// The CPU the workers used between two readings: a worker seen in both, its difference; a new one, all of it. What a
    /// worker used after the first reading and before it exited is not seen, which matters only while it is winding down.
    /// </summary>
    private static double CompilationSeconds(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Sum(worker => worker.Value - before.GetValueOrDefault(worker.Key)) / ProcessUsage.TicksPerSecond;
}

/// <summary>How long a variant was warmed up, and the share of one core its tiered compilation used in the last slice.</summary>
public sealed record WarmUp(double Seconds, double CompilationShare, bool Settled);
