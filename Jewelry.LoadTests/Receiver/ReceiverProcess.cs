using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.LoadTests.Measurement;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// The counting receiver (<see cref="OtlpCountingRelay"/>) in a process of its own, as a collector would be on a machine
/// of its own: what it spends reading the services' spans is its own CPU and garbage, not the load generator's, whose
/// clock would otherwise stop while it collects. The harness asks it for its counts over its standard input and output
/// (<see cref="ReceiverService"/>).
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);
    private const int ErrorOutputKept = 16_000;

    private readonly Process _process;
    private readonly ReceiverEndpoints _endpoints;
    private readonly StringBuilder _errorOutput;
    private readonly SemaphoreSlim _channel = new(1, 1);

    private ReceiverProcess(TelemetryReceiver kind, Process process, ReceiverEndpoints endpoints, StringBuilder errorOutput)
    {
        Kind = kind;
        _process = process;
        _endpoints = endpoints;
        _errorOutput = errorOutput;
        Usage = new ProcessUsage(process.Id);
    }

    public TelemetryReceiver Kind { get; }

    /// <summary>The receiver's CPU and memory.</summary>
    public ProcessUsage Usage { get; }

    public Uri EndpointFor(ExportProtocol protocol) => protocol == ExportProtocol.Grpc ? _endpoints.Grpc : _endpoints.Http;

    public static async Task<ReceiverProcess> StartAsync(TelemetryReceiver kind, CancellationToken cancellationToken)
    {
        var harness = typeof(ReceiverProcess).Assembly.Location;
        // The harness's own launcher beside its assembly where there is one; otherwise the dotnet host runs the assembly.
        var launcher = Path.ChangeExtension(harness, null);
        var start = File.Exists(launcher)
            ? new ProcessStartInfo(launcher)
            : new ProcessStartInfo(DotnetInstallation.Host) { ArgumentList = { harness } };
        start.ArgumentList.Add(ReceiverService.CommandName);
        start.ArgumentList.Add(kind.ToString().ToLowerInvariant());
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"The receiver process ({start.FileName}) did not start.");
        var errorOutput = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errorOutput)
            {
                if (line.Data is not null && errorOutput.Length < ErrorOutputKept)
                {
                    errorOutput.AppendLine(line.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var first = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (first is null)
        {
            await process.WaitForExitAsync(cancellationToken);
            throw new InvalidOperationException($"The receiver process exited ({process.ExitCode}) before it listened: {ErrorsOf(errorOutput)}");
        }

        var endpoints = JsonSerializer.Deserialize<ReceiverEndpoints>(first, ReceiverJson.Options)!;
        return new ReceiverProcess(kind, process, endpoints, errorOutput);
    }

    /// <summary>Names the dashboard's OTLP endpoints to forward to; until then, in front of the dashboard, it answers 503.</summary>
    public Task ForwardToAsync(Uri http, Uri grpc, CancellationToken cancellationToken) =>
        AskAsync<JsonElement>($"{ReceiverService.Forward} {http} {grpc}", cancellationToken);

    public Task<ReceiverState> ReadStateAsync(CancellationToken cancellationToken) =>
        AskAsync<ReceiverState>(ReceiverService.State, cancellationToken);

    /// <summary>The relay's counts so far, and the slowest forward since the last call.</summary>
    public Task<RelayCounts> TakeRelayCountsAsync(CancellationToken cancellationToken) =>
        AskAsync<RelayCounts>(ReceiverService.RelayCounts, cancellationToken);

    /// <summary>The request spans received since the last take (<see cref="ReceivedTelemetry.TakeRequestSpans"/>).</summary>
    public Task<RequestSpans> TakeRequestSpansAsync(CancellationToken cancellationToken) =>
        AskAsync<RequestSpans>(ReceiverService.TakeRequestSpans, cancellationToken);

    private async Task<T> AskAsync<T>(string command, CancellationToken cancellationToken)
    {
        await _channel.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            var answer = await _process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The receiver process ended while asked '{command}': {ErrorsOf(_errorOutput)}");
            return JsonSerializer.Deserialize<T>(answer, ReceiverJson.Options)!;
        }
        finally
        {
            _channel.Release();
        }
    }

    private static string ErrorsOf(StringBuilder errorOutput)
    {
        lock (errorOutput)
        {
            return errorOutput.Length == 0 ? "(nothing on its standard error)" : errorOutput.ToString();
        }
    }

    /// <summary>Closes its input, which ends it; kills it if it does not end in time.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _channel.Dispose();
    }
}
