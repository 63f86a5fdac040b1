namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// CPU used by a set of processes over a phase, and the highest resident memory seen while it ran (sampled
/// every half second).
/// </summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);

    private readonly IReadOnlyDictionary<string, ProcessUsage> _processes;
    private readonly Dictionary<string, TimeSpan> _cpuAtStart;
    private readonly Dictionary<string, double> _peakMiB;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public ResourceSampler(IReadOnlyDictionary<string, ProcessUsage> processes)
    {
        _processes = processes;
        _cpuAtStart = processes.ToDictionary(process => process.Key, process => process.Value.CpuTime());
        _peakMiB = processes.ToDictionary(process => process.Key, process => process.Value.ResidentMiB());
        _sampling = SampleAsync(_stop.Token);
    }

    public async Task<IReadOnlyDictionary<string, ProcessUse>> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var elapsed = DateTimeOffset.UtcNow - _started;
        return _processes.ToDictionary(
            process => process.Key,
            process =>
            {
                var cpu = process.Value.CpuTime() - _cpuAtStart[process.Key];
                return new ProcessUse(cpu.TotalSeconds, cpu / elapsed * 100, Math.Max(_peakMiB[process.Key], process.Value.ResidentMiB()));
            });
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var (name, process) in _processes)
                {
                    _peakMiB[name] = Math.Max(_peakMiB[name], process.ResidentMiB());
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}

/// <summary>A process's CPU seconds over a phase, the same as a share of one core, and its peak resident memory.</summary>
public sealed record ProcessUse(double CpuSeconds, double CpuPercentOfOneCore, double PeakMiB)
{
    /// <summary>Processes that do one job together (the dashboard and the relay in front of it) as one.</summary>
    public static ProcessUse Sum(IEnumerable<ProcessUse> uses) => uses.Aggregate(
        new ProcessUse(0, 0, 0), (total, use) => new ProcessUse(total.CpuSeconds + use.CpuSeconds, total.CpuPercentOfOneCore + use.CpuPercentOfOneCore, total.PeakMiB + use.PeakMiB));
}
