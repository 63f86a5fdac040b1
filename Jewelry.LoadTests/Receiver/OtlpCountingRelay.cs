using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// An OTLP/HTTP endpoint in front of the receiver (the Aspire dashboard). The services export to it; it forwards each
/// request unchanged, answers with the receiver's answer, and counts what the receiver accepted (spans, error spans,
/// log records) together with the services' own SDK counters from their metric exports. Spans are counted exactly
/// where the dashboard received them, however many it keeps for display.
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

    private Uri? _receiver;

    private OtlpCountingRelay(WebApplication app)
    {
        _app = app;
        app.MapPost("/v1/traces", context => ForwardAsync(context, "v1/traces", OtlpRequestCounter.CountSpans));
        app.MapPost("/v1/logs", context => ForwardAsync(context, "v1/logs", OtlpRequestCounter.CountLogRecords));
        app.MapPost("/v1/metrics", context => ForwardAsync(context, "v1/metrics",
            (received, request, _) => OtlpRequestCounter.ReadSdkCounters(received, request)));
    }

    /// <summary>Where services send their OTLP (http/protobuf), without the signal path.</summary>
    public Uri Endpoint => new(_app.Urls.Single());

    public ReceivedTelemetry Received { get; } = new();

    /// <summary>
    /// Starts on a free loopback port. Until <see cref="ForwardTo"/> names the receiver it answers 503, which the
    /// services' exporters retry.
    /// </summary>
    public static async Task<OtlpCountingRelay> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var relay = new OtlpCountingRelay(builder.Build());
        await relay._app.StartAsync(cancellationToken);
        return relay;
    }

    /// <summary>The receiver's OTLP/HTTP endpoint, known once the dashboard runs.</summary>
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

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
