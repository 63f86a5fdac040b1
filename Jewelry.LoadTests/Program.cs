using System.CommandLine;
using System.Globalization;
using Jewelry.LoadTests;
using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Reporting;
using Jewelry.LoadTests.Systems;

// dotnet run -c Release --project Jewelry.LoadTests -- --duration 60     (docs/performance.md says how to read it)
var duration = new Option<int>("--duration") { Description = "Seconds each variant is loaded in each phase.", DefaultValueFactory = _ => 60 };
var quick = new Option<bool>("--quick") { Description = "Every phase once, a few seconds each: about a minute of load." };
var smoke = new Option<bool>("--smoke") { Description = "Seconds of load: proves the harness starts, counts and reports (CI)." };
var concurrency = new Option<int?>("--concurrency") { Description = "Users of the closed loop (default 16)." };
var variants = new Option<TelemetryVariant[]>("--variants") { Description = "Which variants to run (default: off stock full).", AllowMultipleArgumentsPerToken = true };
var serviceEnvironment = new Option<string[]>("--service-env") { Description = "KEY=VALUE for every service of every variant, to measure a lever." };
var levels = new Option<double[]>("--levels") { Description = "Open-loop rates as shares of the maximum (default 0.25 0.5 0.8).", AllowMultipleArgumentsPerToken = true };
var maximum = new Option<double?>("--maximum") { Description = "Requests/s taken as the reference rate instead of searching it (and of the closed loop's maximum)." };
var keepRunning = new Option<bool>("--keep-running") { Description = "Start the variants, print where they answer, and keep them up for your own tools (wrk, hey, a profiler) until Ctrl+C." };
var receiver = new Option<TelemetryReceiver>("--receiver") { Description = "sink (default): a counting endpoint that answers at once and keeps nothing, as a collector on other machines; dashboard: the Aspire dashboard on this machine, as at F5." };
var protocol = new Option<string?>("--otlp-protocol") { Description = "How the services export OTLP to the receiver: http/protobuf or grpc (default: grpc to the dashboard, as at F5; http/protobuf to the sink)." };
protocol.AcceptOnlyFromAmong("http/protobuf", "grpc");
var soak = new Option<int?>("--soak") { Description = "Sustained load: minutes per variant at a fixed rate (--rate, or 70 % of the reference rate), variants in alternating one-minute slices." };
var seed = new Option<int?>("--seed") { Description = "Work that grows: the mix at a fixed rate (--rate, or half the reference rate) for --duration on the empty databases, then again after seeding this many orders (and a tenth as many customers) with their histories: each operation's latency before and after. Variants: full unless --variants." };
var rate = new Option<double?>("--rate") { Description = "Requests/s the soak or the growth offers (default: 0.7 or 0.5 of --maximum, or of the reference rate searched first)." };
var splitCores = new Option<bool>("--split-cores") { Description = "Runs the stack (services, PostgreSQL, RabbitMQ) on the first half of the cores and the load generator with the sink on the rest, so that neither takes CPU from the other, as on machines of their own." };
var report = new Option<string?>("--report") { Description = "Writes result.md and the charts again from an earlier run's result.json (its path), in its directory; runs nothing." };
var output = new Option<string?>("--output") { Description = "Where result.json and result.md go (default: artifacts/load/<time>)." };

var command = new RootCommand("Loads the real Jewelry system with telemetry off, stock and full, side by side, and counts the telemetry received.")
{
    duration, quick, smoke, concurrency, variants, levels, maximum, serviceEnvironment, keepRunning, receiver, protocol, splitCores, soak, seed, rate, report, output,
};
// The receiver's own process, which the harness starts (Receiver/ReceiverProcess.cs); not for use by hand.
var receiverKind = new Argument<TelemetryReceiver>("kind");
var receiverCommand = new Command(ReceiverService.CommandName, "Runs the counting receiver, driven over standard input and output by the harness.") { Hidden = true };
receiverCommand.Arguments.Add(receiverKind);
receiverCommand.SetAction(async (parse, cancellationToken) =>
{
    await ReceiverService.RunAsync(parse.GetValue(receiverKind), cancellationToken);
    return 0;
});
command.Subcommands.Add(receiverCommand);

command.SetAction(async (parse, cancellationToken) =>
{
    if (parse.GetValue(report) is { } earlier)
    {
        var markdown = await ResultFiles.WriteAsync(await ResultFiles.ReadAsync(earlier, cancellationToken), Path.GetDirectoryName(Path.GetFullPath(earlier))!, cancellationToken);
        Console.WriteLine(markdown);
        return 0;
    }

    var directory = parse.GetValue(output) ?? Path.Combine("artifacts", "load", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
    var options = parse.GetValue(smoke) ? LoadTestOptions.Smoke(directory)
        : parse.GetValue(quick) ? LoadTestOptions.Quick(directory)
        : LoadTestOptions.Full(TimeSpan.FromSeconds(parse.GetValue(duration)), directory);
    options = options with
    {
        Concurrency = parse.GetValue(concurrency) ?? options.Concurrency,
        Variants = parse.GetValue(variants) is { Length: > 0 } chosen ? chosen.Distinct().Order().ToList() : options.Variants,
        LoadLevels = parse.GetValue(levels) is { Length: > 0 } shares ? shares : options.LoadLevels,
        Maximum = parse.GetValue(maximum),
        Receiver = parse.GetValue(receiver),
        Protocol = parse.GetValue(protocol) is { } named ? ExportProtocols.Parse(named)
            : parse.GetValue(receiver) == TelemetryReceiver.Dashboard ? ExportProtocol.Grpc : ExportProtocol.HttpProtobuf,
        SplitCores = parse.GetValue(splitCores),
        ServiceEnvironment = (parse.GetValue(serviceEnvironment) ?? []).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.ElementAtOrDefault(1) ?? ""),
    };

    if (parse.GetValue(keepRunning))
    {
        await new LoadTestRun(options, Console.Out).KeepRunningAsync(cancellationToken);
        return 0;
    }

    var commandLine = "Jewelry.LoadTests " + string.Join(' ', args);
    LoadTestResult result;
    if (parse.GetValue(soak) is { } soakMinutes)
    {
        result = await new LoadTestRun(options with { Variants = parse.GetValue(variants) is { Length: > 0 } ? options.Variants : [TelemetryVariant.Off, TelemetryVariant.Full] }, Console.Out)
            .SoakAsync(commandLine, soakMinutes, parse.GetValue(rate), cancellationToken);
    }
    else if (parse.GetValue(seed) is { } orders)
    {
        result = await new LoadTestRun(options with { Variants = parse.GetValue(variants) is { Length: > 0 } ? options.Variants : [TelemetryVariant.Full] }, Console.Out)
            .GrowthAsync(commandLine, orders, parse.GetValue(rate), cancellationToken);
    }
    else
    {
        result = await new LoadTestRun(options, Console.Out).RunAsync(commandLine, cancellationToken);
    }

    var written = await ResultFiles.WriteAsync(result, options.OutputDirectory, cancellationToken);
    Console.WriteLine();
    Console.WriteLine(written);
    Console.WriteLine($"Written to {Path.GetFullPath(options.OutputDirectory)}");
    return 0;
});

return await command.Parse(args).InvokeAsync();
