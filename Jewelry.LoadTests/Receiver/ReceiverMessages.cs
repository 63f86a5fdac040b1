using System.Text.Json;

namespace Jewelry.LoadTests.Receiver;

/// <summary>Where the receiver process listens for the services' OTLP exports: its first line on standard output.</summary>
public sealed record ReceiverEndpoints(Uri Http, Uri Grpc);

/// <summary>Every service's counts as the receiver holds them, and how many exports it has in hand (not answered yet).</summary>
public sealed record ReceiverState(IReadOnlyDictionary<string, ServiceState> Services, int InFlight)
{
    public TelemetryCounts CountsOf(string service) => Services.TryGetValue(service, out var state) ? state.Counts : new TelemetryCounts();

    /// <summary>When the service last read its SDK counters (<see cref="ServiceTelemetry.CountersCollectedAt"/>).</summary>
    public DateTimeOffset CountersCollectedAt(string service) =>
        Services.TryGetValue(service, out var state) ? state.CountersCollectedAt : DateTimeOffset.MinValue;
}

public sealed record ServiceState(TelemetryCounts Counts, DateTimeOffset CountersCollectedAt);

/// <summary>The trace ids of the request spans received (a server span under the generator's traceparent), and of those that were errors.</summary>
public sealed record RequestSpans(IReadOnlyCollection<UInt128> Received, IReadOnlyCollection<UInt128> Errors)
{
    private HashSet<UInt128>? _received;
    private HashSet<UInt128>? _errors;

    public bool Contains(UInt128 traceId) => (_received ??= [.. Received]).Contains(traceId);

    public bool IsError(UInt128 traceId) => (_errors ??= [.. Errors]).Contains(traceId);
}

/// <summary>The one JSON shape both sides of the receiver's control channel write and read.</summary>
internal static class ReceiverJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
