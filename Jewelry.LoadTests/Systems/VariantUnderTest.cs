using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests.Systems;

/// <summary>
/// One variant's system as every mode loads and reads it: its shoppers (signed in, warmed up), its services' processes,
/// and the probe that reads its databases and queues. The probe holds connections: dispose the variant when done.
/// </summary>
public sealed record VariantUnderTest(
    VariantSystem System, Shoppers Shoppers, IReadOnlyDictionary<string, ProcessUsage> Processes, SystemStateProbe Probe) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Probe.DisposeAsync();
}
