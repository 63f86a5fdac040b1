using System.Text;
using Jewelry.LoadTests.Growth;
using Jewelry.LoadTests.Systems;
using static System.FormattableString;

namespace Jewelry.LoadTests.Reporting;

/// <summary>Work that grows as Markdown: each operation's latency on the empty databases and on the seeded ones.</summary>
public static class GrowthReport
{
    /// <summary>The issue's target: every operation's p99 on the seeded databases within this factor of its p99 on empty ones.</summary>
    public const double P99Bound = 1.5;

    public static void Write(StringBuilder text, GrowthOutcome growth)
    {
        text.AppendLine(Invariant($"### Work that grows: {growth.OfferedRequestsPerSecond:0} requests/s for {growth.PhaseSeconds:0} s on empty databases, then on {growth.Orders:N0} orders and {growth.Customers:N0} customers"));
        text.AppendLine();
        foreach (var result in growth.Variants)
        {
            text.AppendLine(Invariant($"**{result.Variant.Label()}**: seeded in {result.SeedSeconds:0} s; all requests p99 {result.Empty.P99Ms:0.0} -> {result.Seeded.P99Ms:0.0} ms, 5xx {Errors(result.Empty)} -> {Errors(result.Seeded)} (target: each operation's p99 within {P99Bound}x)"));
            text.AppendLine();
            text.AppendLine("| Operation | Requests (empty / seeded) | p50 ms empty | p50 ms seeded | p99 ms empty | p99 ms seeded | p99 seeded / empty | Holds |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var (operation, empty) in result.Empty.ByOperation)
            {
                if (!result.Seeded.ByOperation.TryGetValue(operation, out var seeded))
                {
                    continue;
                }

                var ratio = seeded.P99Ms / Math.Max(empty.P99Ms, 0.001);
                text.AppendLine(Invariant(
                    $"| {operation} | {empty.Count} / {seeded.Count} | {empty.P50Ms:0.0} | {seeded.P50Ms:0.0} | {empty.P99Ms:0.0} | {seeded.P99Ms:0.0} | {ratio:0.00} | {(ratio <= P99Bound ? "yes" : "no")} |"));
            }

            text.AppendLine();
        }
    }

    private static int Errors(Measurement.RequestStats requests) => requests.ServerErrors + requests.TransportFailures;
}
