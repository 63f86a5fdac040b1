using System.Diagnostics;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// Waits until no system has work left from an earlier phase (<see cref="SystemStateProbe.ReadLeftoverWorkAsync"/>).
/// The systems go on working after load stops: a saturated phase places orders faster than MES prices them and the
/// consumers pass the prices on, and that backlog is worked off after the phase. A phase that starts before it is done
/// pays for the phase before; and since the off variant serves the most orders in a phase, the phases after off's paid
/// the most.
/// </summary>
public static class SystemSettling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<SystemsSettled> WaitAsync(
        IReadOnlyCollection<SystemStateProbe> probes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workWasLeft = false;
        while (true)
        {
            var leftover = 0L;
            foreach (var probe in probes)
            {
                leftover += await probe.ReadLeftoverWorkAsync(cancellationToken);
            }

            var waited = Stopwatch.GetElapsedTime(started);
            if (leftover == 0 || waited >= timeout)
            {
                return new SystemsSettled(waited, leftover == 0, workWasLeft);
            }

            workWasLeft = true;

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

/// <summary>How long the wait took; <see cref="Settled"/> is false when work was still left at the timeout.</summary>
public sealed record SystemsSettled(TimeSpan Waited, bool Settled, bool WorkWasLeft);
