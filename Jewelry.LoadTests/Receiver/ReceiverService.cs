using System.Text.Json;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// The receiver's own process (<c>Jewelry.LoadTests receiver sink|dashboard</c>): the counting relay, and a control
/// channel on standard input and output that <see cref="ReceiverProcess"/> drives. Parsing every span the services
/// export costs CPU and garbage; here it no longer pauses the process that times the requests. It first writes its
/// endpoints, then answers each command with one line of JSON, and exits when its input closes (the harness is gone).
/// </summary>
public static class ReceiverService
{
    public const string CommandName = "receiver";

    /// <summary>Commands of the control channel, one per line.</summary>
    internal const string Forward = "forward";
    internal const string State = "state";
    internal const string RelayCounts = "relay";
    internal const string TakeRequestSpans = "request-spans";

    public static async Task RunAsync(TelemetryReceiver kind, CancellationToken cancellationToken)
    {
        await using var relay = await OtlpCountingRelay.StartAsync(kind, cancellationToken);
        await using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        using var input = new StreamReader(Console.OpenStandardInput());
        await output.WriteLineAsync(Json(new ReceiverEndpoints(relay.Endpoint, relay.GrpcEndpoint)));
        while (await input.ReadLineAsync(cancellationToken) is { } command)
        {
            await output.WriteLineAsync(Answer(relay, command.Split(' ')));
        }
    }

    private static string Answer(OtlpCountingRelay relay, string[] command)
    {
        switch (command)
        {
            case [Forward, var http, var grpc]:
                relay.ForwardTo(new Uri(http), new Uri(grpc));
                return "{}";
            case [State]:
                return Json(relay.Received.ReadState());
            case [RelayCounts]:
                return Json(relay.Received.Relay.TakeSnapshot());
            case [TakeRequestSpans]:
                return Json(relay.Received.TakeRequestSpans());
            default:
                throw new InvalidOperationException($"Unknown receiver command: {string.Join(' ', command)}");
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ReceiverJson.Options);
}
