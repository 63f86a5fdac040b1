using System.Diagnostics;
using Jewelry.LoadTests.Systems;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// The reference rate: the highest fixed rate the system holds for a whole probe with p99 within
/// <see cref="LatencyBound"/>, no 5xx, every due request served, and its asynchronous work keeping up: at the probe's
/// end no more messages wait (in the order queues and the outboxes) than <see cref="BacklogSeconds"/> of the offered
/// rate. Latency alone passes rates at which the machine is already full and the queues grow behind the answers,
/// which a soak at a share of such a rate then meets. Each probe starts once the system has no work left from before
/// (<see cref="SystemSettling"/>) in every variant on the machine, so that no probe is charged with the backlog of one
/// that failed before it, nor with what the other variants' warm-up left. Found by doubling from
/// <see cref="FirstRate"/> until a rate fails, then bisecting between the last that held and the first that failed.
/// Unlike the closed loop's maximum, which a system reaches only by letting requests wait, this is a rate it
/// sustains: load levels and the soak are shares of it.
/// </summary>
public sealed class ReferenceRateSearch(
    VariantUnderTest system, IReadOnlyList<VariantUnderTest> onTheMachine, TimeSpan probe, int maxInFlight, Action<string> say)
{
    public static readonly TimeSpan LatencyBound = TimeSpan.FromMilliseconds(250);

    public const double BacklogSeconds = 1;

    private const double FirstRate = 50;
    private const double HighestRate = 3_200;
    private const int Bisections = 4;

    // The warm-up and a failed probe leave messages and price calculations behind; a probe starts once they are done,
    // or it would count them as its own backlog (or, left in another variant, take the cores from it).
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);

    public async Task<ReferenceRate> FindAsync(CancellationToken cancellationToken)
    {
        var probes = new List<ReferenceProbe>();
        double held = 0, failed = double.NaN;
        for (var rate = FirstRate; rate <= HighestRate && double.IsNaN(failed); rate *= 2)
        {
            var result = await ProbeAsync(rate, probes, cancellationToken);
            (held, failed) = result.Held ? (rate, failed) : (held, rate);
        }

        for (var step = 0; step < Bisections && !double.IsNaN(failed); step++)
        {
            var rate = Math.Round((held + failed) / 2);
            var result = await ProbeAsync(rate, probes, cancellationToken);
            (held, failed) = result.Held ? (rate, failed) : (held, rate);
        }

        return new ReferenceRate(held, probe.TotalSeconds, LatencyBound.TotalMilliseconds, probes);
    }

    private async Task<ReferenceProbe> ProbeAsync(double rate, List<ReferenceProbe> probes, CancellationToken cancellationToken)
    {
        var settled = await SystemSettling.WaitAsync(onTheMachine.Select(variant => variant.Probe).ToList(), SettleTimeout, cancellationToken);
        if (settled.WorkWasLeft)
        {
            say($"  the system finished the work left before the probe in {settled.Waited.TotalSeconds:0} s{(settled.Settled ? "" : " (NOT SETTLED)")}");
        }

        var recorder = new PhaseRecorder();
        var started = Stopwatch.GetTimestamp();
        await LoadDrivers.RunOpenLoopAsync(system.Shoppers, rate, probe, maxInFlight, recorder, cancellationToken);
        var requests = recorder.Summarize(Stopwatch.GetElapsedTime(started));
        var backlog = await system.Probe.ReadAsync(cancellationToken);
        var waiting = backlog.QueuedMessages + backlog.OutboxPending;
        var held = requests.P99Ms <= LatencyBound.TotalMilliseconds
                   && requests.ServerErrors + requests.TransportFailures == 0
                   && requests.NotSent == 0
                   && waiting <= rate * BacklogSeconds;
        var result = new ReferenceProbe(rate, held, requests.RequestsPerSecond, requests.P99Ms, requests.ServerErrors + requests.TransportFailures, waiting);
        probes.Add(result);
        say($"reference probe {rate,6:0} req/s: served {requests.RequestsPerSecond,6:0.0}/s  p99 {requests.P99Ms,8:0.0} ms  5xx {result.ServerErrors}  " +
            $"messages waiting {waiting}  {(held ? "holds" : "does not hold")}");
        return result;
    }
}

/// <summary>The reference rate found (0 if even the first probe failed), the bound it was held to, and every probe.</summary>
public sealed record ReferenceRate(double RequestsPerSecond, double ProbeSeconds, double P99BoundMs, IReadOnlyList<ReferenceProbe> Probes);

/// <summary>One probe: the rate offered, whether it held, what was served, and the messages waiting at its end (null in runs before it was read).</summary>
public sealed record ReferenceProbe(double OfferedRequestsPerSecond, bool Held, double ServedPerSecond, double P99Ms, int ServerErrors, long? MessagesWaiting = null);
