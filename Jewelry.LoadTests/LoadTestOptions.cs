using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Systems;

namespace Jewelry.LoadTests;

/// <summary>How long and how hard the run loads the system.</summary>
public sealed record LoadTestOptions
{
    public required string Mode { get; init; }

    /// <summary>How long each variant is loaded in each phase.</summary>
    public required TimeSpan PhaseDuration { get; init; }

    /// <summary>The least closed-loop load each variant gets before anything is measured.</summary>
    public required TimeSpan WarmUpDuration { get; init; }

    /// <summary>
    /// The most: past <see cref="WarmUpDuration"/>, the warm-up goes on until the variant's tiered compilation has settled
    /// (<see cref="Measurement.CompilationWarmUp"/>), up to this. Equal to <see cref="WarmUpDuration"/>: a fixed warm-up.
    /// </summary>
    public TimeSpan MaxWarmUpDuration { get; init; }

    /// <summary>Closed-loop rounds per variant; the median is the variant's maximum throughput.</summary>
    public required int ClosedLoopRounds { get; init; }

    /// <summary>Users of the closed loop.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Requests/s taken as the maximum throughput, instead of measuring it in a closed loop first.</summary>
    public double? Maximum { get; init; }

    /// <summary>
    /// Whether the open-loop levels are shares of a searched reference rate (<see cref="Measurement.ReferenceRateSearch"/>)
    /// rather than of the closed loop's maximum.
    /// </summary>
    public bool SearchReferenceRate { get; init; } = true;

    /// <summary>
    /// Whether each phase waits until no system has work left from the phase before (<see cref="Measurement.SystemSettling"/>):
    /// without the wait, a phase pays for the pricing and messages its predecessor's orders left behind.
    /// </summary>
    public bool SettleSystemsBetweenPhases { get; init; } = true;

    /// <summary>Open-loop rates, as shares of the reference rate (or the closed loop's maximum).</summary>
    public required IReadOnlyList<double> LoadLevels { get; init; }

    /// <summary>The overload phase's rate (a share of the maximum), with injected errors; null leaves it out.</summary>
    public double? OverloadLevel { get; init; } = 1.25;

    /// <summary>Share of catalog item requests that fail with 500 in the overload phase.</summary>
    public double OverloadErrorRate { get; init; } = 0.05;

    /// <summary>Beyond this many unanswered requests the open-loop generator counts requests as not sent.</summary>
    public int MaxInFlight { get; init; } = 2_000;

    public int Customers { get; init; } = 20;

    public IReadOnlyList<TelemetryVariant> Variants { get; init; } = TelemetryVariants.All;

    /// <summary>Where the services' telemetry goes: a sink that keeps up (default), or the dashboard as at F5.</summary>
    public TelemetryReceiver Receiver { get; init; } = TelemetryReceiver.Sink;

    /// <summary>How the services export OTLP to the receiver.</summary>
    public ExportProtocol Protocol { get; init; } = ExportProtocol.HttpProtobuf;

    /// <summary>Whether the stack and the harness run on cores of their own (<see cref="Measurement.CoreSplit"/>).</summary>
    public bool SplitCores { get; init; }

    /// <summary>Extra environment for every service of every variant (KEY=VALUE), to measure a lever.</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    public required string OutputDirectory { get; init; }

    /// <summary>Where each resource's console output is kept (<see cref="Systems.ResourceLogFiles"/>).</summary>
    public string LogDirectory => Path.Combine(OutputDirectory, "logs");

    public static LoadTestOptions Full(TimeSpan phase, string output) => new()
    {
        Mode = "full",
        PhaseDuration = phase,
        // Long enough for the dashboard's trace store to fill (it costs more once full), and then until the JIT settles.
        WarmUpDuration = TimeSpan.FromSeconds(30),
        MaxWarmUpDuration = TimeSpan.FromMinutes(4),
        ClosedLoopRounds = 3,
        LoadLevels = [0.25, 0.5, 0.8],
        OutputDirectory = output,
    };

    /// <summary>Every phase once, short: about a minute of load.</summary>
    public static LoadTestOptions Quick(string output) => new()
    {
        Mode = "quick",
        PhaseDuration = TimeSpan.FromSeconds(3),
        // Short, and no wait for the work a phase leaves: quick's figures are of services still compiling, each phase
        // paying for some of the one before, which is why they are rough.
        WarmUpDuration = TimeSpan.FromSeconds(2),
        MaxWarmUpDuration = TimeSpan.FromSeconds(2),
        SettleSystemsBetweenPhases = false,
        ClosedLoopRounds = 1,
        LoadLevels = [0.25, 0.5, 0.8],
        OutputDirectory = output,
    };

    /// <summary>For CI: seconds of load, to prove the harness starts, loads, counts and reports.</summary>
    public static LoadTestOptions Smoke(string output) => new()
    {
        Mode = "smoke",
        PhaseDuration = TimeSpan.FromSeconds(2),
        WarmUpDuration = TimeSpan.FromSeconds(1),
        MaxWarmUpDuration = TimeSpan.FromSeconds(1),
        SettleSystemsBetweenPhases = false,
        ClosedLoopRounds = 1,
        Concurrency = 4,
        LoadLevels = [0.5],
        OverloadLevel = null,
        Customers = 3,
        // Seconds of load prove the counting; a reference search would only lengthen it.
        SearchReferenceRate = false,
        OutputDirectory = output,
    };
}
