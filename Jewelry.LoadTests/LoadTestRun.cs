using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Jewelry.LoadTests.Measurement;
using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Reporting;
using Jewelry.LoadTests.Systems;
using Jewelry.LoadTests.Workload;

namespace Jewelry.LoadTests;

/// <summary>
/// One run: the stack with every variant, then blocks of phases, each phase one variant under one load, the
/// variants taking turns in a rotating order so that the machine's drift touches all of them alike:
/// warm-up, closed loop (maximum throughput), open loop at fixed shares of the full variant's maximum, and an
/// overload with injected errors. After each block the telemetry is counted once the system is quiet.
/// </summary>
public sealed class LoadTestRun(LoadTestOptions options, TextWriter progress)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(5);

    private readonly LoadTestOptions _options = options;
    private readonly List<PhaseResult> _phases = [];

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Where the stack and the harness run when the cores are split; null when they share them all.</summary>
    private string? _cores;

    /// <summary>How long each variant was warmed up before the first measured phase.</summary>
    private readonly Dictionary<TelemetryVariant, WarmUp> _warmUps = [];

    public async Task<LoadTestResult> RunAsync(string commandLine, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var (relay, stack) = await StartStackAsync(cancellationToken);
        await using var relayLifetime = relay;
        await using var stackLifetime = stack;
        var startupSeconds = _clock.Elapsed.TotalSeconds;

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = TimeSpan.FromSeconds(60) };
        var variants = await PrepareVariantsAsync(http, stack, cancellationToken);
        try
        {
            return await RunPhasesAsync(startedAt, commandLine, startupSeconds, http, relay, variants, cancellationToken);
        }
        finally
        {
            await DisposeAllAsync(variants);
        }
    }

    private async Task<LoadTestResult> RunPhasesAsync(
        DateTimeOffset startedAt, string commandLine, double startupSeconds, HttpClient http, ReceiverProcess relay,
        List<VariantUnderTest> variants, CancellationToken cancellationToken)
    {
        var telemetryServices = VariantSystem.ServicesExportingTelemetry(variants.Select(variant => variant.System));
        var blocks = new BlockRunner(this, variants, relay, telemetryServices, ReceiverUsage.Of(relay));
        await blocks.RunAsync("warm-up", _options.WarmUpDuration, rounds: 1, rate: null, cancellationToken);
        // Levels are shares of the reference rate (the rate off sustains); the smoke takes the closed loop's maximum instead.
        var reference = _options.Maximum is null && _options.SearchReferenceRate
            ? await new ReferenceRateSearch(ReferenceVariant(variants), variants, _options.PhaseDuration, _options.MaxInFlight, Say).FindAsync(cancellationToken)
            : null;
        var maximum = _options.Maximum ?? await blocks.RunAsync("closed loop", _options.PhaseDuration, _options.ClosedLoopRounds, rate: null, cancellationToken);
        if (reference is { RequestsPerSecond: > 0 } found)
        {
            Say($"Reference rate {found.RequestsPerSecond:0} req/s: load levels are shares of it.");
            maximum = found.RequestsPerSecond;
        }
        foreach (var level in _options.LoadLevels)
        {
            await blocks.RunAsync(string.Create(CultureInfo.InvariantCulture, $"{level * 100:0}% load"), _options.PhaseDuration, rounds: 1, rate: level * maximum, cancellationToken);
        }

        if (_options.OverloadLevel is { } overload)
        {
            await InjectErrorsAsync(http, variants, _options.OverloadErrorRate, cancellationToken);
            await blocks.RunAsync(string.Create(CultureInfo.InvariantCulture, $"{overload * 100:0}% load, errors"), _options.PhaseDuration, rounds: 1, rate: overload * maximum, cancellationToken);
            await InjectErrorsAsync(http, variants, errorRate: 0, cancellationToken);
        }

        var run = Describe(startedAt, commandLine, _options.Mode, _options.PhaseDuration.TotalSeconds, _options.ClosedLoopRounds, _options.Concurrency, startupSeconds);
        return new LoadTestResult(run, _phases, Reference: reference);
    }

    /// <summary>
    /// Sustained load (<see cref="Soak.SoakRunner"/>) at <paramref name="requestsPerSecond"/>, or at 70 % of the reference
    /// rate (given as the maximum, or searched), after a warm-up of every variant.
    /// </summary>
    public async Task<LoadTestResult> SoakAsync(string commandLine, int minutesPerVariant, double? requestsPerSecond, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var (relay, stack) = await StartStackAsync(cancellationToken);
        await using var relayLifetime = relay;
        await using var stackLifetime = stack;
        var startupSeconds = _clock.Elapsed.TotalSeconds;

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = TimeSpan.FromSeconds(60) };
        var variants = await PrepareVariantsAsync(http, stack, cancellationToken);
        try
        {
            var (rate, reference) = await FixedRateAsync(variants, requestsPerSecond, SoakShare, cancellationToken);
            Say($"Warmed up; soaking at {rate:0} req/s, {minutesPerVariant} minutes per variant.");
            var soak = await new Soak.SoakRunner(variants, relay, ReceiverUsage.Of(relay), _options.MaxInFlight, Say).RunAsync(rate, minutesPerVariant, cancellationToken);
            var run = Describe(startedAt, commandLine, "soak", phaseSeconds: 60, closedLoopRounds: 0, concurrency: 0, startupSeconds);
            return new LoadTestResult(run, [], soak, reference);
        }
        finally
        {
            await DisposeAllAsync(variants);
        }
    }

    /// <summary>
    /// Work that grows (<see cref="Growth.GrowthRunner"/>): each variant at <paramref name="requestsPerSecond"/>, or at half the
    /// reference rate, on empty databases and then on <paramref name="orders"/> seeded orders (a tenth as many customers).
    /// </summary>
    public async Task<LoadTestResult> GrowthAsync(string commandLine, int orders, double? requestsPerSecond, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var (relay, stack) = await StartStackAsync(cancellationToken);
        await using var relayLifetime = relay;
        await using var stackLifetime = stack;
        var startupSeconds = _clock.Elapsed.TotalSeconds;

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = TimeSpan.FromSeconds(60) };
        var variants = await PrepareVariantsAsync(http, stack, cancellationToken);
        try
        {
            var (rate, reference) = await FixedRateAsync(variants, requestsPerSecond, GrowthShare, cancellationToken);
            Say($"Warmed up; measuring at {rate:0} req/s, {_options.PhaseDuration.TotalSeconds:0} s before and after seeding.");
            var growth = await new Growth.GrowthRunner(variants.Select(variant => variant.Shoppers).ToList(), _options.MaxInFlight, Say)
                .RunAsync(rate, _options.PhaseDuration, orders, Math.Max(1, orders / 10), cancellationToken);
            var run = Describe(startedAt, commandLine, "growth", _options.PhaseDuration.TotalSeconds, closedLoopRounds: 0, concurrency: 0, startupSeconds);
            return new LoadTestResult(run, [], Reference: reference, Growth: growth);
        }
        finally
        {
            await DisposeAllAsync(variants);
        }
    }

    /// <summary>The run as its report heads it: what was run, on what, and what the options were.</summary>
    private RunDescription Describe(
        DateTimeOffset startedAt, string commandLine, string mode, double phaseSeconds, int closedLoopRounds, int concurrency, double startupSeconds) =>
        new(startedAt, commandLine, MachineDescription.Read(), mode, phaseSeconds, closedLoopRounds, concurrency, Workload.OperationMix.Describe(),
            _options.ServiceEnvironment, startupSeconds, _options.Receiver, _options.Protocol, _cores, _warmUps, ReceiverInOwnProcess: true);

    /// <summary>
    /// Every variant ready to load: its participants signed in, its system warmed up with the closed loop, its processes
    /// found and its state probe opened (the caller disposes them).
    /// </summary>
    private async Task<List<VariantUnderTest>> PrepareVariantsAsync(HttpClient http, SystemsUnderTest stack, CancellationToken cancellationToken)
    {
        var variants = new List<VariantUnderTest>();
        try
        {
            foreach (var system in stack.Systems)
            {
                var participants = await Participants.SignInAsync(http, system, _options.Customers, cancellationToken);
                var shoppers = new Shoppers(http, system, participants);
                var processes = FindProcesses(system);
                await WarmUpUntilCompiledAsync(shoppers, processes.Values, cancellationToken);
                variants.Add(new VariantUnderTest(system, shoppers, processes, new SystemStateProbe(system.Databases, system.Broker)));
            }

            return variants;
        }
        catch
        {
            await DisposeAllAsync(variants);
            throw;
        }
    }

    private static async Task DisposeAllAsync(IEnumerable<VariantUnderTest> variants)
    {
        foreach (var variant in variants)
        {
            await variant.DisposeAsync();
        }
    }

    /// <summary>The closed loop on one system until its services have compiled what the load runs (<see cref="CompilationWarmUp"/>).</summary>
    private async Task WarmUpUntilCompiledAsync(Shoppers shoppers, IEnumerable<ProcessUsage> services, CancellationToken cancellationToken)
    {
        var warmUp = await new CompilationWarmUp(_options.Concurrency, _options.WarmUpDuration, _options.MaxWarmUpDuration)
            .RunAsync(shoppers, services, cancellationToken);
        _warmUps[shoppers.System.Variant] = warmUp;
        Say($"{shoppers.System.Variant.Label()}: warmed up in {warmUp.Seconds:0} s; tiered compilation used {warmUp.CompilationShare:P0} of a core " +
            $"in the last slice{(warmUp.Settled ? "" : " (NOT SETTLED)")}");
    }

    /// <summary>The rate given, or <paramref name="share"/> of the maximum given, or of the reference rate searched (60 s probes).</summary>
    private async Task<(double Rate, ReferenceRate? Reference)> FixedRateAsync(
        List<VariantUnderTest> variants, double? requestsPerSecond, double share, CancellationToken cancellationToken)
    {
        if (requestsPerSecond is { } given)
        {
            return (given, null);
        }

        if (_options.Maximum is { } maximum)
        {
            return (share * maximum, null);
        }

        var reference = await new ReferenceRateSearch(ReferenceVariant(variants), variants, TimeSpan.FromSeconds(60), _options.MaxInFlight, Say).FindAsync(cancellationToken);
        return (share * reference.RequestsPerSecond, reference);
    }

    /// <summary>The variants' systems, up until cancelled, for measuring by hand.</summary>
    public async Task KeepRunningAsync(CancellationToken cancellationToken)
    {
        await using var relay = await ReceiverProcess.StartAsync(_options.Receiver, cancellationToken);
        await using var stack = await SystemsUnderTest.StartAsync(_options.Variants, relay, _options.Protocol, _options.ServiceEnvironment, _options.LogDirectory, cancellationToken);
        Say($"Dashboard: {stack.Dashboard}");
        foreach (var service in stack.Systems.SelectMany(system => system.Services))
        {
            Say($"{service.Name,-16} {service.Address}");
        }

        Say("Up until Ctrl+C.");
        await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>The counting receiver, then the systems exporting to it (the caller disposes both, systems first).</summary>
    private async Task<(ReceiverProcess Relay, SystemsUnderTest Stack)> StartStackAsync(CancellationToken cancellationToken)
    {
        Say($"Starting the stack: {string.Join(", ", _options.Variants.Select(variant => variant.Label()))} (LocalProcesses, {BuildConfiguration}), exporting {_options.Protocol.Name()} to the {_options.Receiver.ToString().ToLowerInvariant()}");
        var relay = await ReceiverProcess.StartAsync(_options.Receiver, cancellationToken);
        try
        {
            var stack = await SystemsUnderTest.StartAsync(_options.Variants, relay, _options.Protocol, _options.ServiceEnvironment, _options.LogDirectory, cancellationToken);
            Say($"Stack up in {_clock.Elapsed.TotalSeconds:0} s. Dashboard: {stack.Dashboard}");
            if (_options.SplitCores)
            {
                _cores = CoreSplit.Apply(relay.Usage.ProcessId);
                Say($"Cores split: {_cores}.");
            }

            return (relay, stack);
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    /// <summary>The soak's rate as a share of the reference rate.</summary>
    private const double SoakShare = 0.7;

    /// <summary>The growth's rate as a share of the reference rate: loaded, with room for the seeded databases to cost more.</summary>
    private const double GrowthShare = 0.5;

    /// <summary>The variant whose sustained rate is the reference: off, when it runs.</summary>
    private static VariantUnderTest ReferenceVariant(List<VariantUnderTest> variants) =>
        variants.FirstOrDefault(variant => variant.System.Variant == TelemetryVariant.Off) ?? variants[0];

    private static string BuildConfiguration =>
        typeof(LoadTestRun).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "unknown";

    // Minutes past the hour go on counting: a soak lasts hours.
    private void Say(string message) => progress.WriteLine($"[{(int)_clock.Elapsed.TotalMinutes:00}:{_clock.Elapsed.Seconds:00}] {message}");

    private static Dictionary<string, ProcessUsage> FindProcesses(VariantSystem system) =>
        system.Services.ToDictionary(
            service => service.Name,
            service => ProcessUsage.FindService(service.Name) ?? throw new InvalidOperationException($"The process of {service.Name} was not found."));

    /// <summary>Errors for the overload phase: a share of the catalog item requests fail with 500 (fault injection).</summary>
    private static async Task InjectErrorsAsync(HttpClient http, IEnumerable<VariantUnderTest> variants, double errorRate, CancellationToken cancellationToken)
    {
        object[] rules = errorRate > 0 ? [new { target = "GET /api/catalog/items/{id:int}", errorRate }] : [];
        foreach (var variant in variants)
        {
            using var response = await http.PutAsJsonAsync(new Uri(variant.System.Shop.Address, "/dev/faults"), rules, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// Runs a block's phases. Each phase starts with a quiet receiver and ends once the receiver has caught up again, so
    /// no phase pays for the telemetry of the one before, and its telemetry is counted exactly. A phase of the off
    /// variant sends nothing, so it leaves the receiver as quiet as it found it.
    /// </summary>
    private sealed class BlockRunner(
        LoadTestRun run, IReadOnlyList<VariantUnderTest> variants, ReceiverProcess relay, IReadOnlyCollection<string> telemetryServices, ReceiverUsage receiver)
    {
        private SettledCounts? _quiet;

        /// <summary>Returns the full variant's median throughput (or the last variant's, if full is not run).</summary>
        public async Task<double> RunAsync(string block, TimeSpan duration, int rounds, double? rate, CancellationToken cancellationToken)
        {
            for (var round = 0; round < rounds; round++)
            {
                // A different variant goes first in every round and block.
                var offset = (round + run._phases.Count) % variants.Count;
                foreach (var variant in variants.Skip(offset).Concat(variants.Take(offset)))
                {
                    run._phases.Add(await RunPhaseAsync(block, round, variant, duration, rate, cancellationToken));
                }
            }

            var reference = variants.FirstOrDefault(variant => variant.System.Variant == TelemetryVariant.Full) ?? variants[^1];
            var throughputs = run._phases.Where(phase => phase.Block == block && phase.Variant == reference.System.Variant)
                .Select(phase => phase.Requests.RequestsPerSecond).Order().ToList();
            return throughputs[throughputs.Count / 2];
        }

        private async Task<PhaseResult> RunPhaseAsync(
            string block, int round, VariantUnderTest variant, TimeSpan duration, double? rate, CancellationToken cancellationToken)
        {
            var systems = run._options.SettleSystemsBetweenPhases
                ? await SystemSettling.WaitAsync(variants.Select(other => other.Probe).ToList(), SettleTimeout, cancellationToken)
                : new SystemsSettled(TimeSpan.Zero, Settled: true, WorkWasLeft: false);
            if (systems.WorkWasLeft)
            {
                run.Say($"  the systems finished the work left from the phase before in {systems.Waited.TotalSeconds:0} s{(systems.Settled ? "" : " (NOT SETTLED)")}");
            }

            // After a phase that did not settle, or work after it that exported spans, the receiver may still be catching
            // up: wait again, or this phase would pay for it.
            var before = _quiet is { Settled: true } quiet && !systems.WorkWasLeft ? quiet
                : await TelemetrySettling.SettleAsync(relay, telemetryServices, SettleTimeout, cancellationToken);
            var relayBefore = await relay.TakeRelayCountsAsync(cancellationToken);
            var recorder = new PhaseRecorder();
            var processes = variant.Processes
                .Concat(receiver.Processes)
                .Append(new("generator", ProcessUsage.Current)).ToDictionary();
            await using var sampler = new ResourceSampler(processes);
            var started = Stopwatch.GetTimestamp();
            if (rate is { } requestsPerSecond)
            {
                await LoadDrivers.RunOpenLoopAsync(variant.Shoppers, requestsPerSecond, duration, run._options.MaxInFlight, recorder, cancellationToken);
            }
            else
            {
                await LoadDrivers.RunClosedLoopAsync(variant.Shoppers, run._options.Concurrency, duration, recorder, cancellationToken);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var use = await sampler.StopAsync();
            var requests = recorder.Summarize(elapsed);
            run.Say($"{block}{(rate is null ? "" : $" ({rate:0} req/s)")}, round {round + 1}: {variant.System.Variant.Label(),-5} " +
                    $"{requests.RequestsPerSecond,7:0.0} req/s  p50 {requests.P50Ms,6:0.00} ms  p99 {requests.P99Ms,7:0.00} ms  " +
                    $"5xx {requests.ServerErrors + requests.TransportFailures}  services CPU {variant.Processes.Keys.Sum(name => use[name].CpuPercentOfOneCore):0} %");

            // A variant that exports nothing, while the others were idle, leaves the receiver as quiet as it was before.
            var exports = variant.System.Variant.ExportsTelemetry();
            var catchingUp = Stopwatch.GetTimestamp();
            var after = _quiet = exports
                ? await TelemetrySettling.SettleAsync(relay, telemetryServices, SettleTimeout, cancellationToken)
                : before;
            var catchUp = Stopwatch.GetElapsedTime(catchingUp);
            var account = Account(
                variant, before, after, recorder, relayBefore, await relay.TakeRelayCountsAsync(cancellationToken), await relay.TakeRequestSpansAsync(cancellationToken), catchUp);
            if (exports)
            {
                run.Say($"  spans produced {account.Telemetry.SpansProduced}, received {account.Telemetry.SpansReceived}, dropped {account.Telemetry.SpansDropped}; " +
                        $"request spans {account.RequestSpansReceived}/{account.Requests}; error spans {account.ServerErrorSpansReceived}/{account.ServerErrorRequests}; " +
                        $"receiver caught up in {account.CatchUpSeconds:0} s{(account.Settled ? "" : " (NOT SETTLED)")}");
            }

            return new PhaseResult(
                block, variant.System.Variant, round, rate, elapsed.TotalSeconds, requests,
                variant.Processes.Keys.ToDictionary(name => name, name => use[name]),
                receiver.In(use),
                use["generator"], account);
        }

        private static PhaseAccount Account(
            VariantUnderTest variant, SettledCounts before, SettledCounts after, PhaseRecorder recorder, RelayCounts relayBefore, RelayCounts relayAfter,
            RequestSpans requestSpansReceived, TimeSpan catchUp)
        {
            var services = variant.System.Services.Select(service => service.Name).ToList();
            var results = recorder.Results.Where(result => result.StatusCode != RequestResult.TransportFailure).ToList();
            var requestSpans = results.Count(result => requestSpansReceived.Contains(result.TraceId));
            var errors = results.Where(result => result.IsServerError).ToList();
            var errorSpans = errors.Count(result => requestSpansReceived.IsError(result.TraceId));
            return new PhaseAccount(
                after.Settled && before.Settled,
                after.Total(services).Minus(before.Total(services)),
                results.Count, requestSpans, errors.Count, errorSpans,
                relayAfter.Requests - relayBefore.Requests, relayAfter.Failed - relayBefore.Failed, relayAfter.SlowestMs, catchUp.TotalSeconds);
        }
    }
}
