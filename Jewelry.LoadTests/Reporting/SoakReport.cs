using System.Text;
using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Soak;
using Jewelry.LoadTests.Systems;
using static System.FormattableString;

namespace Jewelry.LoadTests.Reporting;

/// <summary>The soak as Markdown: each variant's minutes, then whether it held (the issue's targets).</summary>
public static class SoakReport
{
    private const int WindowMinutes = 5;

    public static void Write(StringBuilder text, SoakOutcome soak)
    {
        text.AppendLine(Invariant($"### Soak: {soak.OfferedRequestsPerSecond:0} requests/s offered, {soak.MinutesPerVariant} minutes per variant in alternating one-minute slices"));
        text.AppendLine();
        foreach (var variant in soak.Minutes.Select(minute => minute.Variant).Distinct().Order())
        {
            WriteMinutes(text, variant, soak.Minutes.Where(minute => minute.Variant == variant).ToList());
        }

        WriteVerdict(text, soak);
    }

    private static void WriteMinutes(StringBuilder text, TelemetryVariant variant, IReadOnlyList<SoakMinute> minutes)
    {
        text.AppendLine(Invariant($"**{variant.Label()}**: state read at the end of each minute (PostgreSQL connections busy/open; queued = ready messages in the three order queues; generator late = how late the generator sent requests after they were due, p99 (max), and its GC pauses in the minute: the generator's own share of the latency; CPU in shares of one core, others' = what the machine spent beyond the services, the generator and the receiver: PostgreSQL, RabbitMQ, DCP, the kernel)"));
        text.AppendLine();
        text.AppendLine("| Minute | Served/s | p50 ms | p99 ms | Generator late p99 (max) ms, GC pause ms | 5xx | Services CPU | Generator CPU | Receiver CPU | Others' CPU | Machine busy (system, steal) | Context switches/s | Services RSS | DB connections | Queued | Outbox pending (oldest) | Pricing due (oldest late) | Outbox rows | Inbox rows | Dead letters | Spans produced / received |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var minute in minutes)
        {
            var state = minute.State;
            var spans = variant.ExportsTelemetry() ? Invariant($"{minute.TelemetrySoFar.SpansProduced} / {minute.TelemetrySoFar.SpansReceived}") : "-";
            text.AppendLine(Invariant(
                $"| {minute.Minute} | {minute.Requests.RequestsPerSecond:0} | {minute.Requests.P50Ms:0.0} | {minute.Requests.P99Ms:0.0} | {minute.Requests.SendDelayP99Ms:0.0} ({minute.Requests.SendDelayMaxMs:0}), {minute.GeneratorGcPauseMs:0} | {minute.Requests.ServerErrors + minute.Requests.TransportFailures} | {minute.ServicesCpuPercent:0} % | {Percent(minute.GeneratorCpuPercent)} | {Percent(minute.ReceiverCpuPercent)} | {Percent(minute.OthersCpuPercent)} | {Machine(minute.Machine)} | {minute.ServicesResidentMiB:0} MiB | {state.ConnectionsActive}/{state.Connections} | {state.QueuedMessages} | {state.OutboxPending} ({state.OutboxOldestSeconds:0} s) | {state.PricingDue} ({state.PricingLateSeconds:0} s) | {state.Rows("outbox_messages")} | {state.Rows("inbox_messages")} | {state.DeadLetters} | {spans} |"));
        }

        text.AppendLine();
    }

    private static string Percent(double? percent) => percent is { } value ? Invariant($"{value:0} %") : "-";

    private static string Machine(MachineUse? machine) => machine is { } use
        ? Invariant($"{use.BusyPercent:0} % ({use.SystemPercent:0} %, {use.StealPercent:0} %) | {use.ContextSwitchesPerSecond:0}")
        : "- | -";

    private static void WriteVerdict(StringBuilder text, SoakOutcome soak)
    {
        text.AppendLine(Invariant($"**Did it hold?** (targets: 0 5xx, p99 of the last {WindowMinutes} minutes within 1.5x of the first {WindowMinutes}, RSS and queue depths flat, 0 spans lost)"));
        text.AppendLine();
        foreach (var group in soak.Minutes.GroupBy(minute => minute.Variant).OrderBy(group => group.Key))
        {
            var minutes = group.ToList();
            var window = Math.Min(WindowMinutes, Math.Max(1, minutes.Count / 2));
            var first = minutes.Take(window).ToList();
            var last = minutes.TakeLast(window).ToList();
            var firstP99 = first.Max(minute => minute.Requests.P99Ms);
            var lastP99 = last.Max(minute => minute.Requests.P99Ms);
            var errors = minutes.Sum(minute => minute.Requests.ServerErrors + minute.Requests.TransportFailures);
            var spans = soak.Telemetry.TryGetValue(group.Key, out var counts) && group.Key.ExportsTelemetry()
                ? Invariant($"; spans lost {counts.SpansProduced - counts.SpansReceived} of {counts.SpansProduced}{(soak.Settled ? "" : " (not settled)")}")
                : "";
            text.AppendLine(Invariant(
                $"- {group.Key.Label()}: {errors} 5xx; worst p99 of the first {window} minutes {firstP99:0.0} ms, of the last {window} {lastP99:0.0} ms ({lastP99 / Math.Max(firstP99, 0.001):0.00}x); RSS {minutes[0].ServicesResidentMiB:0} -> {minutes[^1].ServicesResidentMiB:0} MiB; queued {minutes[0].State.QueuedMessages} -> {minutes[^1].State.QueuedMessages}; outbox pending {minutes[0].State.OutboxPending} -> {minutes[^1].State.OutboxPending}; pricing due {minutes[0].State.PricingDue} -> {minutes[^1].State.PricingDue}; dead letters {minutes[^1].State.DeadLetters}{spans}."));
        }

        text.AppendLine();
    }
}
