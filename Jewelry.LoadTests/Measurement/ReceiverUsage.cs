using Jewelry.LoadTests.Receiver;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// The processes whose CPU and memory are the receiver's, sampled beside the others and reported as one: the relay
/// process, and in front of the dashboard the dashboard too. Phases and soak minutes both take the receiver from here.
/// </summary>
public sealed class ReceiverUsage
{
    private const string Prefix = "receiver ";

    private readonly IReadOnlyList<ProcessUsage> _processes;

    private ReceiverUsage(IReadOnlyList<ProcessUsage> processes) => _processes = processes;

    public static ReceiverUsage Of(ReceiverProcess relay) => new(relay.Kind == TelemetryReceiver.Sink
        ? [relay.Usage]
        : [relay.Usage, ProcessUsage.FindByCommand("Aspire.Dashboard") ?? throw new InvalidOperationException("The dashboard process was not found.")]);

    /// <summary>The receiver's processes under names of their own, to sample with the rest.</summary>
    public IEnumerable<KeyValuePair<string, ProcessUsage>> Processes =>
        _processes.Select((process, index) => KeyValuePair.Create(NameOf(index), process));

    /// <summary>The receiver's share of what a sampler measured.</summary>
    public ProcessUse In(IReadOnlyDictionary<string, ProcessUse> use) =>
        ProcessUse.Sum(_processes.Select((_, index) => use[NameOf(index)]));

    private static string NameOf(int index) => $"{Prefix}{index}";
}
