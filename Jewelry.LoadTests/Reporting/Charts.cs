using Jewelry.LoadTests.Growth;
using Jewelry.LoadTests.Soak;
using Jewelry.LoadTests.Systems;
using ScottPlot;

namespace Jewelry.LoadTests.Reporting;

/// <summary>
/// The run's figures as PNG charts beside <c>result.md</c>: throughput, p99 and service CPU per request for each
/// variant and load; a soak's per-minute series; a growth's p99 per operation before and after seeding.
/// Returns each chart's file name and what it shows, for the report to link.
/// </summary>
public static class Charts
{
    private const int Width = 900;
    private const int Height = 450;

    private static readonly Dictionary<TelemetryVariant, Color> VariantColors = new()
    {
        [TelemetryVariant.Off] = Colors.Gray,
        [TelemetryVariant.Stock] = Colors.SteelBlue,
        [TelemetryVariant.Full] = Colors.DarkOrange,
    };

    public static IReadOnlyList<(string File, string Caption)> Write(LoadTestResult result, string directory)
    {
        var charts = new List<(string, string)>();
        if (result.Soak is { } soak)
        {
            charts.Add(Save(directory, "soak-latency.png", "p50 and p99 per minute", SoakLatency(soak)));
            charts.Add(Save(directory, "soak-resources.png", "services' CPU and resident memory per minute", SoakResources(soak)));
            charts.Add(Save(directory, "soak-backlogs.png", "queued messages, outbox pending and price calculations due at each minute's end", SoakBacklogs(soak)));
        }
        else if (result.Growth is { } growth)
        {
            charts.Add(Save(directory, "growth-p99.png", "p99 per operation, empty and seeded databases", GrowthP99(growth), width: 1200));
        }
        else if (result.Phases.Count > 0)
        {
            var blocks = result.Phases.Select(phase => phase.Block).Where(block => block != "warm-up").Distinct().ToList();
            charts.Add(Save(directory, "throughput.png", "requests served per second, per variant and load",
                PhaseBars(result, blocks, "Served requests/s", phase => phase.Requests.RequestsPerSecond)));
            charts.Add(Save(directory, "p99.png", "p99 latency per variant and load",
                PhaseBars(result, blocks, "p99 (ms)", phase => phase.Requests.P99Ms)));
            charts.Add(Save(directory, "cpu-per-request.png", "services' CPU per request, per variant and load",
                PhaseBars(result, blocks, "Services' CPU per request (ms)", phase => phase.ServiceCpuMsPerRequest)));
        }

        return charts;
    }

    /// <summary>Bars grouped by block (load), one per variant: the median of the block's rounds.</summary>
    private static Plot PhaseBars(LoadTestResult result, List<string> blocks, string measure, Func<PhaseResult, double> value)
    {
        var plot = new Plot();
        var variants = result.Phases.Select(phase => phase.Variant).Distinct().Order().ToList();
        for (var b = 0; b < blocks.Count; b++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                var values = result.Phases.Where(phase => phase.Block == blocks[b] && phase.Variant == variants[v]).Select(value).Order().ToList();
                if (values.Count > 0)
                {
                    AddBar(plot, GroupPosition(b, v, variants.Count), values[values.Count / 2], VariantColors[variants[v]]);
                }
            }
        }

        Label(plot, blocks, variants.Select(variant => (variant.Label(), VariantColors[variant])), measure);
        return plot;
    }

    private static Plot GrowthP99(GrowthOutcome growth)
    {
        var plot = new Plot();
        var result = growth.Variants[0];
        var operations = result.Empty.ByOperation.Keys.Where(result.Seeded.ByOperation.ContainsKey).ToList();
        for (var o = 0; o < operations.Count; o++)
        {
            AddBar(plot, GroupPosition(o, 0, 2), result.Empty.ByOperation[operations[o]].P99Ms, Colors.Gray);
            AddBar(plot, GroupPosition(o, 1, 2), result.Seeded.ByOperation[operations[o]].P99Ms, Colors.DarkOrange);
        }

        Label(plot, operations, [("empty", Colors.Gray), ($"{growth.Orders:N0} orders", Colors.DarkOrange)], $"p99 (ms), {result.Variant.Label()}");
        return plot;
    }

    private static Plot SoakLatency(SoakOutcome soak) => SoakSeries(soak, "Latency (ms)", logarithmic: true,
        ("p50", minute => minute.Requests.P50Ms, LinePattern.Dotted),
        ("p99", minute => minute.Requests.P99Ms, LinePattern.Solid));

    private static Plot SoakResources(SoakOutcome soak) => SoakSeries(soak, "CPU (% of one core) / RSS (MiB)", logarithmic: false,
        ("CPU %", minute => minute.ServicesCpuPercent, LinePattern.Solid),
        ("RSS MiB", minute => minute.ServicesResidentMiB, LinePattern.Dashed));

    private static Plot SoakBacklogs(SoakOutcome soak) => SoakSeries(soak, "Count", logarithmic: false,
        ("queued", minute => minute.State.QueuedMessages, LinePattern.Solid),
        ("outbox pending", minute => minute.State.OutboxPending, LinePattern.Dashed),
        ("pricing due", minute => minute.State.PricingDue, LinePattern.Dotted));

    /// <summary>One line per variant and measure over the soak's minutes.</summary>
    private static Plot SoakSeries(SoakOutcome soak, string measure, bool logarithmic, params (string Name, Func<SoakMinute, double> Value, LinePattern Pattern)[] series)
    {
        var plot = new Plot();
        foreach (var variant in soak.Minutes.Select(minute => minute.Variant).Distinct().Order())
        {
            var minutes = soak.Minutes.Where(minute => minute.Variant == variant).ToList();
            foreach (var (name, value, pattern) in series)
            {
                var ys = minutes.Select(value).Select(y => logarithmic ? Math.Log10(Math.Max(y, 0.1)) : y).ToArray();
                var line = plot.Add.Scatter(minutes.Select(minute => (double)minute.Minute).ToArray(), ys, VariantColors[variant]);
                line.LinePattern = pattern;
                line.MarkerSize = 3;
                line.LegendText = $"{variant.Label()} {name}";
            }
        }

        if (logarithmic)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        plot.XLabel("Minute of the soak (per variant)");
        plot.YLabel(measure);
        // Beside the data, not over it: a soak's worst minutes can come at any point of the run, its first ones too.
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static double GroupPosition(int group, int member, int members) => group + (member - (members - 1) / 2.0) * (0.8 / members);

    private static void AddBar(Plot plot, double position, double value, Color color)
    {
        plot.Add.Bar(new Bar { Position = position, Value = value, FillColor = color, Size = 0.8 / 3 });
    }

    private static void Label(Plot plot, List<string> groups, IEnumerable<(string Name, Color Color)> legend, string measure)
    {
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups.Count).Select(group => (double)group).ToArray(), groups.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // Room above the tallest bar for the legend, which would otherwise hide its top.
        plot.Axes.Margins(bottom: 0, top: 0.3);
        plot.YLabel(measure);
        plot.ShowLegend(legend.Select(entry => new LegendItem { LabelText = entry.Name, FillColor = entry.Color }), Alignment.UpperRight);
    }

    private static (string, string) Save(string directory, string file, string caption, Plot plot, int width = Width)
    {
        plot.SavePng(Path.Combine(directory, file), width, Height);
        return (file, caption);
    }
}
