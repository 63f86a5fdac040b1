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
        while (true)
        {
            var compiledBefore = CompilationTime(services);
            var sliceStarted = Stopwatch.GetTimestamp();
            var slice = maximum > minimum ? Slice : minimum;
            await LoadDrivers.RunClosedLoopAsync(shoppers, concurrency, slice, new PhaseRecorder(), cancellationToken);
            var share = (CompilationTime(services) - compiledBefore) / Stopwatch.GetElapsedTime(sliceStarted);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if ((share <= SettledShare && elapsed >= minimum) || elapsed >= maximum)
            {
                return new WarmUp(elapsed.TotalSeconds, share, share <= SettledShare);
            }
        }
    }

    private static TimeSpan CompilationTime(IEnumerable<ProcessUsage> services) =>
        services.Aggregate(TimeSpan.Zero, (total, service) => total + service.TieredCompilationCpuTime());
}

/// <summary>How long a variant was warmed up, and the share of one core its tiered compilation used in the last slice.</summary>
public sealed record WarmUp(double Seconds, double CompilationShare, bool Settled);
