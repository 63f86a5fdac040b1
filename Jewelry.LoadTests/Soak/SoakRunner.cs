using System.Diagnostics;
using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Systems;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests.Soak;

/// <summary>
/// Sustained load: the mix at one fixed rate for a long while, the variants taking turns in one-minute slices (so the
/// machine's drift touches them alike), and after each slice what could run out or grow: latency, 5xx, the services'
/// CPU and memory, PostgreSQL connections, queue depths, the outbox and pricing backlogs, table rows, and spans
/// produced and received. At the end the telemetry is counted once the receiver is quiet: spans lost through the soak.
/// </summary>
public sealed class SoakRunner(
    IReadOnlyList<VariantUnderTest> subjects, ReceiverProcess relay, ReceiverUsage receiver, int maxInFlight, Action<string> say)
{
    private static readonly TimeSpan Slice = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);

    private const string Generator = "generator";

    public async Task<SoakOutcome> RunAsync(double requestsPerSecond, int minutesPerVariant, CancellationToken cancellationToken)
    {
        var telemetryServices = VariantSystem.ServicesExportingTelemetry(subjects.Select(subject => subject.System));
        var before = await TelemetrySettling.SettleAsync(relay, telemetryServices, SettleTimeout, cancellationToken);

        var minutes = new List<SoakMinute>();
        for (var minute = 1; minute <= minutesPerVariant; minute++)
        {
            foreach (var subject in subjects)
            {
                minutes.Add(await RunSliceAsync(subject, minute, requestsPerSecond, cancellationToken));
            }
        }

        var after = await TelemetrySettling.SettleAsync(relay, telemetryServices, SettleTimeout, cancellationToken);
        var totals = subjects.ToDictionary(
            subject => subject.System.Variant,
            subject =>
            {
                var services = subject.System.Services.Select(service => service.Name).ToList();
                return after.Total(services).Minus(before.Total(services));
            });
        return new SoakOutcome(requestsPerSecond, minutesPerVariant, minutes, totals, before.Settled && after.Settled);
    }

    private async Task<SoakMinute> RunSliceAsync(VariantUnderTest subject, int minute, double requestsPerSecond, CancellationToken cancellationToken)
    {
        var recorder = new PhaseRecorder();
        await using var sampler = new ResourceSampler(
            subject.Processes.Append(new(Generator, ProcessUsage.Current)).Concat(receiver.Processes).ToDictionary());
        var machine = new MachineCpu();
        var started = Stopwatch.GetTimestamp();
        var generatorPausedBefore = GC.GetTotalPauseDuration();
        await LoadDrivers.RunOpenLoopAsync(subject.Shoppers, requestsPerSecond, Slice, maxInFlight, recorder, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var generatorPaused = GC.GetTotalPauseDuration() - generatorPausedBefore;
        var use = await sampler.StopAsync();
        var machineUse = machine.Stop();
        var requests = recorder.Summarize(elapsed);

        var state = await subject.Probe.ReadAsync(cancellationToken);
        var services = subject.System.Services.Select(service => service.Name).ToList();
        var received = await relay.ReadStateAsync(cancellationToken);
        var telemetry = services.Aggregate(new TelemetryCounts(), (total, service) => total.Plus(received.CountsOf(service)));
        // The soak counts spans per service, not per request: the receiver forgets them.
        await relay.TakeRequestSpansAsync(cancellationToken);
        var result = new SoakMinute(
            subject.System.Variant, minute, elapsed.TotalSeconds, requests,
            subject.Processes.Keys.Sum(service => use[service].CpuPercentOfOneCore), subject.Processes.Values.Sum(process => process.ResidentMiB()),
            state, telemetry, use[Generator].CpuPercentOfOneCore, generatorPaused.TotalMilliseconds, receiver.In(use).CpuPercentOfOneCore, machineUse);

        say($"soak minute {minute} {subject.System.Variant.Label(),-5} {requests.RequestsPerSecond,6:0.0} req/s  p50 {requests.P50Ms,7:0.0} ms  " +
            $"p99 {requests.P99Ms,8:0.0} ms  sent late p99 {requests.SendDelayP99Ms,6:0.0} max {requests.SendDelayMaxMs,7:0.0} ms  generator GC {result.GeneratorGcPauseMs,5:0} ms  5xx {requests.ServerErrors + requests.TransportFailures,5}  CPU {result.ServicesCpuPercent,4:0} %  " +
            $"machine busy {machineUse.BusyPercent,4:0} % (steal {machineUse.StealPercent:0} %)  RSS {result.ServicesResidentMiB,5:0} MiB  db conns {state.ConnectionsActive}/{state.Connections}  queued {state.QueuedMessages}  " +
            $"outbox {state.OutboxPending} ({state.OutboxOldestSeconds:0} s)  pricing due {state.PricingDue} ({state.PricingLateSeconds:0} s late)");
        return result;
    }
}

/// <summary>What the soak found: each variant's minutes in order, and its telemetry over the whole soak once settled.</summary>
public sealed record SoakOutcome(
    double OfferedRequestsPerSecond,
    int MinutesPerVariant,
    IReadOnlyList<SoakMinute> Minutes,
    IReadOnlyDictionary<TelemetryVariant, TelemetryCounts> Telemetry,
    bool Settled);

/// <summary>
/// One variant's minute of load: its requests, the services' CPU (share of one core) and resident memory at the end, the
/// system's state at the end, the telemetry counted so far (cumulative, not yet settled), the generator's CPU with the
/// time its garbage collector paused it in the minute, the receiver's CPU (its process, with the dashboard when it relays
/// to it; soaks before it had its own process counted the sink in the generator's), and the whole machine's CPU (null
/// in soaks before it was read).
/// </summary>
public sealed record SoakMinute(
    TelemetryVariant Variant,
    int Minute,
    double Seconds,
    RequestStats Requests,
    double ServicesCpuPercent,
    double ServicesResidentMiB,
    SystemState State,
    TelemetryCounts TelemetrySoFar,
    double? GeneratorCpuPercent = null,
    double GeneratorGcPauseMs = 0,
    double? ReceiverCpuPercent = null,
    MachineUse? Machine = null)
{
    /// <summary>CPU the machine spent beyond the services, the generator and the receiver: PostgreSQL, RabbitMQ, DCP, the kernel.</summary>
    public double? OthersCpuPercent => Machine is { } machine
        ? machine.BusyPercent - ServicesCpuPercent - (GeneratorCpuPercent ?? 0) - (ReceiverCpuPercent ?? 0)
        : null;
}
