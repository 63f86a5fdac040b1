using Jewelry.LoadTests.Growth;
using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Soak;
using Jewelry.LoadTests.Systems;

namespace Jewelry.LoadTests.Reporting;

/// <summary>Everything one run measured, as written to <c>result.json</c>: its phases, or its soak, or its growth, and the reference rate searched.</summary>
public sealed record LoadTestResult(
    RunDescription Run,
    IReadOnlyList<PhaseResult> Phases,
    SoakOutcome? Soak = null,
    ReferenceRate? Reference = null,
    GrowthOutcome? Growth = null);

/// <summary>Where and how the run was made.</summary>
public sealed record RunDescription(
    DateTimeOffset StartedAt,
    string CommandLine,
    string Machine,
    string Mode,
    double PhaseSeconds,
    int ClosedLoopRounds,
    int Concurrency,
    string Mix,
    IReadOnlyDictionary<string, string> ServiceEnvironment,
    double StartupSeconds,
    TelemetryReceiver Receiver,
    ExportProtocol Protocol = ExportProtocol.HttpProtobuf,
    string? Cores = null,
    IReadOnlyDictionary<TelemetryVariant, WarmUp>? WarmUps = null,
    bool ReceiverInOwnProcess = false);

/// <summary>One variant under one load for one phase.</summary>
public sealed record PhaseResult(
    string Block,
    TelemetryVariant Variant,
    int Round,
    double? OfferedRequestsPerSecond,
    double Seconds,
    RequestStats Requests,
    IReadOnlyDictionary<string, ProcessUse> Services,
    ProcessUse Receiver,
    ProcessUse Generator,
    PhaseAccount Telemetry)
{
    public double ServiceCpuSeconds => Services.Values.Sum(use => use.CpuSeconds);

    public double ServicePeakMiB => Services.Values.Sum(use => use.PeakMiB);

    /// <summary>Service CPU per request in milliseconds: what the variant costs, independent of the rate.</summary>
    public double ServiceCpuMsPerRequest => Requests.Sent == 0 ? 0 : ServiceCpuSeconds * 1000 / Requests.Sent;
}

/// <summary>
/// What the phase's telemetry did, counted once the receiver had caught up: spans and log records the services
/// produced, dropped and the receiver accepted; whether each request's own span (the server span under the
/// generator's traceparent) arrived, for errors in particular; and how the receiver coped (export requests, failed
/// ones, the slowest answer, and how long after the load it took to catch up).
/// </summary>
public sealed record PhaseAccount(
    bool Settled,
    TelemetryCounts Telemetry,
    int Requests,
    int RequestSpansReceived,
    int ServerErrorRequests,
    int ServerErrorSpansReceived,
    long ExportRequests,
    long ExportRequestsFailed,
    double SlowestExportMs,
    double CatchUpSeconds)
{
    public long SpansLost => Telemetry.SpansProduced - Telemetry.SpansReceived;

    public int ErrorSpansLost => ServerErrorRequests - ServerErrorSpansReceived;

    public double LogRecordsPerRequest => Requests == 0 ? 0 : (double)Telemetry.LogRecordsProduced / Requests;
}
