using System.Globalization;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// The whole machine's CPU from <c>/proc/stat</c> (Linux): busy, system and stolen time (a virtual machine's
/// neighbours), and context switches. What the machine spent beyond the processes the harness samples is everyone
/// else's: PostgreSQL, RabbitMQ, DCP, the dashboard, the kernel.
/// </summary>
public sealed class MachineCpu
{
    private readonly Reading _start = Read();

    /// <summary>The machine since this instance was made, in shares of one core, and context switches per second.</summary>
    public MachineUse Stop()
    {
        var end = Read();
        var seconds = (end.Ticks.Sum() - _start.Ticks.Sum()) / ProcessUsage.TicksPerSecond / Environment.ProcessorCount;
        double Percent(Func<long[], long> ticks) => seconds <= 0 ? 0 : (ticks(end.Ticks) - ticks(_start.Ticks)) / ProcessUsage.TicksPerSecond / seconds * 100;
        return new MachineUse(
            Percent(ticks => ticks.Sum() - ticks[Idle] - ticks[IoWait]),
            Percent(ticks => ticks[System]),
            Percent(ticks => ticks.Length > Steal ? ticks[Steal] : 0),
            seconds <= 0 ? 0 : (end.ContextSwitches - _start.ContextSwitches) / seconds);
    }

    // The fields of the "cpu" line: user nice system idle iowait irq softirq steal (guest time is within user).
    private const int System = 2;
    private const int Idle = 3;
    private const int IoWait = 4;
    private const int Steal = 7;
    private const int Fields = 8;

    private static Reading Read()
    {
        var lines = File.ReadAllLines("/proc/stat");
        var ticks = lines.First(line => line.StartsWith("cpu ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(Fields)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var switches = long.Parse(lines.First(line => line.StartsWith("ctxt ", StringComparison.Ordinal))[5..], CultureInfo.InvariantCulture);
        return new Reading(ticks, switches);
    }

    private sealed record Reading(long[] Ticks, long ContextSwitches);
}

/// <summary>The machine over a while: busy, system and stolen time in shares of one core; context switches per second.</summary>
public sealed record MachineUse(double BusyPercent, double SystemPercent, double StealPercent, double ContextSwitchesPerSecond);
