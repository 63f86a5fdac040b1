using System.Globalization;
using System.Text;
using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Systems;
using static System.FormattableString;

namespace Jewelry.LoadTests.Reporting;

/// <summary>The run as Markdown tables: throughput, fixed-rate latency, telemetry account, and the targets.</summary>
public static class MarkdownReport
{
    /// <summary>Runs before the receiver had a process of its own counted the sink, or the relay, in the generator.</summary>
    private static string DescribeReceiver(RunDescription run) => (run.Receiver, run.ReceiverInOwnProcess) switch
    {
        (TelemetryReceiver.Sink, true) => "a counting sink in a process of its own that answers at once and keeps nothing (a collector on other machines)",
        (TelemetryReceiver.Sink, false) => "a counting sink in the generator that answers at once and keeps nothing (a collector on other machines); its CPU is the generator's",
        (_, true) => "the Aspire dashboard on the same machine, as at F5, through a counting relay in a process of its own (receiver CPU: both)",
        _ => "the Aspire dashboard on the same machine, as at F5",
    };

    public static string Write(LoadTestResult result)
    {
        var text = new StringBuilder();
        var run = result.Run;
        text.AppendLine(Invariant($"Run {run.StartedAt:yyyy-MM-dd HH:mm} UTC, `{run.CommandLine}` ({run.Mode}: {run.PhaseSeconds:0} s per phase, {run.ClosedLoopRounds} closed-loop round(s) of {run.Concurrency} users; stack up in {run.StartupSeconds:0} s)."));
        text.AppendLine(Invariant($"Machine: {run.Machine}. Receiver: {DescribeReceiver(run)}, over OTLP {run.Protocol.Name()}."));
        if (run.Cores is { } cores)
        {
            text.AppendLine(Invariant($"Cores split: {cores}."));
        }

        text.AppendLine(Invariant($"Mix: {run.Mix}."));
        if (run.WarmUps is { Count: > 0 } warmUps)
        {
            text.AppendLine("Warm-up (closed loop until the services' tiered compilation used at most 2 % of a core over 10 s): " +
                string.Join(", ", warmUps.Select(pair => Invariant($"{pair.Key.Label()} {pair.Value.Seconds:0} s ({pair.Value.CompilationShare:P0}{(pair.Value.Settled ? "" : ", not settled")})"))) + ".");
        }

        if (run.ServiceEnvironment.Count > 0)
        {
            text.AppendLine(Invariant($"Service environment: {string.Join(", ", run.ServiceEnvironment.Select(pair => $"`{pair.Key}={pair.Value}`"))}."));
        }

        text.AppendLine();
        WriteReference(text, result);
        if (result.Soak is { } soak)
        {
            SoakReport.Write(text, soak);
            return text.ToString();
        }

        if (result.Growth is { } growth)
        {
            GrowthReport.Write(text, growth);
            return text.ToString();
        }

        WriteThroughput(text, result);
        WriteFixedRates(text, result);
        WriteTelemetry(text, result);
        WriteTargets(text, result);
        return text.ToString();
    }

    private static void WriteReference(StringBuilder text, LoadTestResult result)
    {
        if (result.Reference is not { } reference)
        {
            return;
        }

        text.AppendLine(Invariant($"### Reference rate: {reference.RequestsPerSecond:0} requests/s"));
        text.AppendLine();
        var backlog = reference.Probes.Any(probe => probe.MessagesWaiting is not null)
            ? Invariant($", and no more messages waiting at the end (order queues and outboxes) than {ReferenceRateSearch.BacklogSeconds:0} s of the rate")
            : "";
        text.AppendLine(Invariant($"The highest fixed rate the off variant held for {reference.ProbeSeconds:0} s with p99 <= {reference.P99BoundMs:0} ms, no 5xx and every request sent{backlog}; load levels are shares of it."));
        text.AppendLine();
        text.AppendLine("| Offered/s | Served/s | p99 ms | 5xx | Messages waiting | Held |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var probe in reference.Probes)
        {
            text.AppendLine(Invariant($"| {probe.OfferedRequestsPerSecond:0} | {probe.ServedPerSecond:0.0} | {probe.P99Ms:0.0} | {probe.ServerErrors} | {(probe.MessagesWaiting is { } waiting ? waiting.ToString(CultureInfo.InvariantCulture) : "-")} | {(probe.Held ? "yes" : "no")} |"));
        }

        text.AppendLine();
    }

    private static void WriteThroughput(StringBuilder text, LoadTestResult result)
    {
        var closed = result.Phases.Where(phase => phase.Block == "closed loop").ToList();
        if (closed.Count == 0)
        {
            return;
        }

        text.AppendLine("### Maximum throughput (closed loop, median round)");
        text.AppendLine();
        text.AppendLine("| Variant | Requests/s | Ratio to off | p50 ms | p99 ms | Service CPU per request | Services' peak RSS | Receiver CPU | Generator CPU |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var off = MedianThroughput(closed, TelemetryVariant.Off);
        foreach (var variant in Variants(closed))
        {
            var median = Median(closed, variant);
            text.AppendLine(Invariant(
                $"| {variant.Label()} | {median.Requests.RequestsPerSecond:0} | {Ratio(median.Requests.RequestsPerSecond, off)} | {median.Requests.P50Ms:0.00} | {median.Requests.P99Ms:0.00} | {median.ServiceCpuMsPerRequest:0.00} ms | {median.ServicePeakMiB:0} MiB | {median.Receiver.CpuPercentOfOneCore:0} % | {median.Generator.CpuPercentOfOneCore:0} % |"));
        }

        text.AppendLine();
    }

    private static void WriteFixedRates(StringBuilder text, LoadTestResult result)
    {
        var open = result.Phases.Where(phase => phase.OfferedRequestsPerSecond is not null).ToList();
        if (open.Count == 0)
        {
            return;
        }

        text.AppendLine("### Fixed rates (open loop; latency counted from when each request was due)");
        text.AppendLine();
        text.AppendLine("| Load | Variant | Offered/s | Served/s | p50 ms | p99 ms | p99 added | Generator late p99 ms | Services CPU | Services' peak RSS | Receiver CPU | Generator CPU |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var block in open.GroupBy(phase => phase.Block))
        {
            var offP99 = block.FirstOrDefault(phase => phase.Variant == TelemetryVariant.Off)?.Requests.P99Ms;
            foreach (var phase in block.OrderBy(phase => phase.Variant))
            {
                var added = offP99 is { } baseline && phase.Variant != TelemetryVariant.Off ? Invariant($"{phase.Requests.P99Ms - baseline:+0.00;-0.00} ms") : "";
                text.AppendLine(Invariant(
                    $"| {block.Key} | {phase.Variant.Label()} | {phase.OfferedRequestsPerSecond:0} | {phase.Requests.RequestsPerSecond:0} | {phase.Requests.P50Ms:0.00} | {phase.Requests.P99Ms:0.00} | {added} | {phase.Requests.SendDelayP99Ms:0.00} | {phase.Services.Values.Sum(use => use.CpuPercentOfOneCore):0} % | {phase.ServicePeakMiB:0} MiB | {phase.Receiver.CpuPercentOfOneCore:0} % | {phase.Generator.CpuPercentOfOneCore:0} % |"));
            }
        }

        text.AppendLine();
    }

    private static void WriteTelemetry(StringBuilder text, LoadTestResult result)
    {
        var receiver = result.Run.Receiver == Receiver.TelemetryReceiver.Sink ? "the sink" : "the dashboard";
        text.AppendLine("### Telemetry: produced by the services, received by " + receiver + " (exact counts, all rounds of a block)");
        text.AppendLine();
        text.AppendLine("| Block | Variant | Requests | Spans produced | Dropped in service | Received | Lost | Request spans received | 5xx with error span received | Log records per request | Receiver caught up after |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var block in result.Phases.Where(phase => phase.Variant != TelemetryVariant.Off).GroupBy(phase => (phase.Block, phase.Variant)))
        {
            var accounts = block.Select(phase => phase.Telemetry).ToList();
            var counts = accounts.Aggregate(new Receiver.TelemetryCounts(), (total, account) => total.Plus(account.Telemetry));
            var requests = accounts.Sum(account => account.Requests);
            text.AppendLine(Invariant($"| {block.Key.Block}{(accounts.All(account => account.Settled) ? "" : " (not settled)")} | {block.Key.Variant.Label()} | {requests} | {counts.SpansProduced} | {counts.SpansDropped} | {counts.SpansReceived} | {counts.SpansProduced - counts.SpansReceived} | {accounts.Sum(account => account.RequestSpansReceived)} of {requests} | {accounts.Sum(account => account.ServerErrorSpansReceived)} of {accounts.Sum(account => account.ServerErrorRequests)} | {(requests == 0 ? 0 : (double)counts.LogRecordsProduced / requests):0.00} | {accounts.Max(account => account.CatchUpSeconds):0} s |"));
        }

        text.AppendLine();
    }

    private static void WriteTargets(StringBuilder text, LoadTestResult result)
    {
        text.AppendLine("### Targets (issue #20), everything-on variant");
        text.AppendLine();
        var closed = result.Phases.Where(phase => phase.Block == "closed loop").ToList();
        var off = MedianThroughput(closed, TelemetryVariant.Off);
        text.AppendLine(Invariant($"- Throughput in the mix, everything-on / off: {Ratio(MedianThroughput(closed, TelemetryVariant.Full), off)} (target >= 0.93, aim 0.97); everything-on / stock: {Ratio(MedianThroughput(closed, TelemetryVariant.Full), MedianThroughput(closed, TelemetryVariant.Stock))} (target >= 1.00)."));

        foreach (var block in result.Phases.Where(phase => phase.Block != "warm-up").GroupBy(phase => phase.Block))
        {
            var cpuOff = block.Where(phase => phase.Variant == TelemetryVariant.Off).Select(phase => phase.ServiceCpuMsPerRequest).DefaultIfEmpty().Average();
            var cpuFull = block.Where(phase => phase.Variant == TelemetryVariant.Full).Select(phase => phase.ServiceCpuMsPerRequest).DefaultIfEmpty().Average();
            text.AppendLine(Invariant($"- Services' CPU per request, {block.Key}, everything-on / off: {Ratio(cpuFull, cpuOff)} (target <= 1.10)."));
        }

        var p99Bound = result.Run.Receiver == Receiver.TelemetryReceiver.Sink ? (Block: "50% load", Ms: 2) : (Block: "25% load", Ms: 15);
        var level = result.Phases.Where(phase => phase.Block == p99Bound.Block).ToList();
        var added = level.FirstOrDefault(phase => phase.Variant == TelemetryVariant.Full)?.Requests.P99Ms -
                    level.FirstOrDefault(phase => phase.Variant == TelemetryVariant.Off)?.Requests.P99Ms;
        text.AppendLine(Invariant($"- p99 added at {p99Bound.Block}: {(added is { } ms ? $"{ms:+0.00;-0.00} ms" : "not measured")} (target <= {p99Bound.Ms} ms with this receiver)."));

        foreach (var phase in result.Phases.Where(phase => phase.Variant == TelemetryVariant.Full && phase.OfferedRequestsPerSecond is not null))
        {
            var ingest = phase.Telemetry.Telemetry.SpansReceived / Math.Max(phase.Seconds + phase.Telemetry.CatchUpSeconds, 0.001);
            text.AppendLine(Invariant($"- {phase.Block}: {phase.Telemetry.SpansLost} of {phase.Telemetry.Telemetry.SpansProduced} spans lost, {phase.Telemetry.ErrorSpansLost} of {phase.Telemetry.ServerErrorRequests} error spans lost (targets: 0 spans at 80 %, 0 error spans at 100 % and above); the receiver took {ingest:0} spans/s including its catch-up."));
        }

        text.AppendLine();
    }

    private static IEnumerable<TelemetryVariant> Variants(IEnumerable<PhaseResult> phases) => phases.Select(phase => phase.Variant).Distinct().Order();

    private static PhaseResult Median(IEnumerable<PhaseResult> phases, TelemetryVariant variant)
    {
        var ordered = phases.Where(phase => phase.Variant == variant).OrderBy(phase => phase.Requests.RequestsPerSecond).ToList();
        return ordered[ordered.Count / 2];
    }

    private static double? MedianThroughput(IReadOnlyCollection<PhaseResult> phases, TelemetryVariant variant) =>
        phases.Any(phase => phase.Variant == variant) ? Median(phases, variant).Requests.RequestsPerSecond : null;

    private static string Ratio(double? value, double? baseline) =>
        value is { } measured && baseline is > 0 ? (measured / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
