using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// The OTLP/HTTP endpoint the services export to. As a <see cref="TelemetryReceiver.Sink"/> it answers every export at
/// once and keeps nothing; in front of the <see cref="TelemetryReceiver.Dashboard"/> it forwards each request
/// unchanged and answers with the dashboard's answer. Either way it counts what was accepted (spans, error spans, log
/// records) together with the services' own SDK counters from their metric exports: spans are counted exactly where
/// they were received, however many the dashboard keeps for display.
/// </summary>
public sealed class OtlpCountingRelay : IAsyncDisposable
{
    private const string ProtobufContentType = "application/x-protobuf";
    private const string ApiKeyHeader = "x-otlp-api-key";

    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly TelemetryReceiver _kind;
    private Uri? _receiver;

    private OtlpCountingRelay(WebApplication app, TelemetryReceiver kind)
    {
        _app = app;
        _kind = kind;
        app.MapPost("/v1/traces", context => ForwardAsync(context, "v1/traces", OtlpRequestCounter.CountSpans));
        app.MapPost("/v1/logs", context => ForwardAsync(context, "v1/logs", OtlpRequestCounter.CountLogRecords));
        app.MapPost("/v1/metrics", context => ForwardAsync(context, "v1/metrics",
            (received, request, _) => OtlpRequestCounter.ReadSdkCounters(received, request)));
    }

    /// <summary>Where services send their OTLP (http/protobuf), without the signal path.</summary>
    public Uri Endpoint => new(_app.Urls.Single());

    public ReceivedTelemetry Received { get; } = new();

    public TelemetryReceiver Kind => _kind;

    /// <summary>
    /// Starts on a free loopback port. In front of the dashboard, until <see cref="ForwardTo"/> names it, it answers 503,
    /// which the services' exporters retry.
    /// </summary>
    public static async Task<OtlpCountingRelay> StartAsync(TelemetryReceiver kind, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var relay = new OtlpCountingRelay(builder.Build(), kind);
        await relay._app.StartAsync(cancellationToken);
        return relay;
    }

    /// <summary>The dashboard's OTLP/HTTP endpoint, known once it runs; a sink forwards nothing.</summary>
    public void ForwardTo(Uri receiver) => Volatile.Write(ref _receiver, receiver);

    private async Task ForwardAsync(
        HttpContext context, string path, Action<ReceivedTelemetry, ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> count)
    {
        // Spans and log records in hand count as unsettled; metric exports come every second and only carry counters.
        var carriesTelemetry = path != "v1/metrics";
        if (carriesTelemetry)
        {
            Received.Relay.Started();
        }

        try
        {
            await ForwardOnceAsync(context, path, count);
        }
        finally
        {
            if (carriesTelemetry)
            {
                Received.Relay.Answered();
            }
        }
    }

    private async Task ForwardOnceAsync(
        HttpContext context, string path, Action<ReceivedTelemetry, ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> count)
    {
        if (_kind == TelemetryReceiver.Sink)
        {
            await AnswerAsSinkAsync(context, count);
            return;
        }

        if (Volatile.Read(ref _receiver) is not { } receiver)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var request = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        using var forwarded = new HttpRequestMessage(HttpMethod.Post, new Uri(receiver, path)) { Content = new ReadOnlyMemoryContent(request) };
        forwarded.Content.Headers.ContentType = new(ProtobufContentType);
        if (context.Request.Headers.TryGetValue(ApiKeyHeader, out var apiKey))
        {
            forwarded.Headers.TryAddWithoutValidation(ApiKeyHeader, apiKey.ToString());
        }

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage answer;
        try
        {
            answer = await _upstream.SendAsync(forwarded, context.RequestAborted);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // Unreachable or too slow: the exporter may try again, as it would with the receiver itself.
            Received.Relay.Forwarded(Stopwatch.GetElapsedTime(started), succeeded: false);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var _ = answer;
        var response = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        Received.Relay.Forwarded(Stopwatch.GetElapsedTime(started), answer.IsSuccessStatusCode);
        if (answer.IsSuccessStatusCode)
        {
            count(Received, request, response);
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? ProtobufContentType;
        await context.Response.Body.WriteAsync(response, context.RequestAborted);
    }

    /// <summary>Takes the export whole, counts it, and answers success with an empty response (no partial rejection).</summary>
    private async Task AnswerAsSinkAsync(HttpContext context, Action<ReceivedTelemetry, ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> count)
    {
        var started = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        count(Received, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ReadOnlyMemory<byte>.Empty);
        Received.Relay.Forwarded(Stopwatch.GetElapsedTime(started), succeeded: true);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
