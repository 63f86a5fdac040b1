using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// The OTLP endpoint the services export to, over http/protobuf or gRPC (each on a port of its own). As a
/// <see cref="TelemetryReceiver.Sink"/> it answers every export at once and keeps nothing; in front of the
/// <see cref="TelemetryReceiver.Dashboard"/> it forwards each request unchanged, over the same protocol, and answers with
/// the dashboard's answer. Either way it counts what was accepted (spans, error spans, log
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
    private readonly ListenOptions _http;
    private readonly ListenOptions _grpc;
    private (Uri Http, Uri Grpc)? _receiver;

    private OtlpCountingRelay(WebApplication app, TelemetryReceiver kind, ListenOptions http, ListenOptions grpc)
    {
        _app = app;
        _kind = kind;
        _http = http;
        _grpc = grpc;
        Count readSdkCounters = (received, request, _) => OtlpRequestCounter.ReadSdkCounters(received, request);
        (string Http, string Grpc, Count Count, bool CarriesTelemetry)[] signals =
        [
            ("/v1/traces", "/opentelemetry.proto.collector.trace.v1.TraceService/Export", OtlpRequestCounter.CountSpans, true),
            ("/v1/logs", "/opentelemetry.proto.collector.logs.v1.LogsService/Export", OtlpRequestCounter.CountLogRecords, true),
            // Metric exports come every second and carry only the SDK's counters: they do not keep a phase unsettled.
            ("/v1/metrics", "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", readSdkCounters, false),
        ];
        foreach (var signal in signals)
        {
            app.MapPost(signal.Http, context => ForwardAsync(context, signal.Http, grpc: false, signal.Count, signal.CarriesTelemetry));
            app.MapPost(signal.Grpc, context => ForwardAsync(context, signal.Grpc, grpc: true, signal.Count, signal.CarriesTelemetry));
        }
    }

    /// <summary>Counts one accepted export request (the protobuf message) given the receiver's answer (empty: all accepted).</summary>
    private delegate void Count(ReceivedTelemetry received, ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response);

    /// <summary>Where services send OTLP over http/protobuf, without the signal path.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{_http.IPEndPoint!.Port}");

    /// <summary>Where services send OTLP over gRPC.</summary>
    public Uri GrpcEndpoint => new($"http://127.0.0.1:{_grpc.IPEndPoint!.Port}");

    public Uri EndpointFor(ExportProtocol protocol) => protocol == ExportProtocol.Grpc ? GrpcEndpoint : Endpoint;

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
        ListenOptions? http = null, grpc = null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => (http = listen).Protocols = HttpProtocols.Http1);
            // gRPC without TLS: HTTP/2 with prior knowledge, which needs a port that speaks nothing else.
            kestrel.Listen(IPAddress.Loopback, 0, listen => (grpc = listen).Protocols = HttpProtocols.Http2);
        });
        var relay = new OtlpCountingRelay(builder.Build(), kind, http!, grpc!);
        await relay._app.StartAsync(cancellationToken);
        return relay;
    }

    /// <summary>The dashboard's OTLP endpoints (http/protobuf and gRPC), known once it runs; a sink forwards nothing.</summary>
    public void ForwardTo(Uri http, Uri grpc) => _receiver = (http, grpc);

    private async Task ForwardAsync(HttpContext context, string path, bool grpc, Count count, bool carriesTelemetry)
    {
        var started = Stopwatch.GetTimestamp();
        if (carriesTelemetry)
        {
            Received.Relay.Started();
        }

        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (!grpc)
            {
                await ForwardHttpAsync(context, path, body, count, started);
            }
            else if (GrpcFrame.Unwrap(body) is { } message)
            {
                await ForwardGrpcAsync(context, path, body, message, count, started);
            }
            else
            {
                // The services' exporters send one uncompressed message per call; anything else would go uncounted.
                AnswerGrpc(context, GrpcStatus.Unimplemented, "The counting relay reads one uncompressed message per call.");
            }
        }
        finally
        {
            if (carriesTelemetry)
            {
                Received.Relay.Answered();
            }
        }
    }

    private async Task ForwardHttpAsync(HttpContext context, string path, ReadOnlyMemory<byte> request, Count count, long started)
    {
        if (_kind == TelemetryReceiver.Sink)
        {
            Accept(request, count, started);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = ProtobufContentType;
            return;
        }

        if (_receiver is not { } receiver)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        using var forwarded = Forwarded(context, new Uri(receiver.Http, path), request, ProtobufContentType);
        using var answer = await SendUpstreamAsync(forwarded, context.RequestAborted);
        if (answer is null)
        {
            // Unreachable or too slow: the exporter may try again, as it would with the receiver itself.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var response = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (answer.IsSuccessStatusCode)
        {
            count(Received, request, response);
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? ProtobufContentType;
        await context.Response.Body.WriteAsync(response, context.RequestAborted);
    }

    private async Task ForwardGrpcAsync(
        HttpContext context, string path, ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> request, Count count, long started)
    {
        if (_kind == TelemetryReceiver.Sink)
        {
            Accept(request, count, started);
            AnswerGrpc(context, GrpcStatus.Ok, message: null);
            await context.Response.Body.WriteAsync(GrpcFrame.Empty, context.RequestAborted);
            return;
        }

        if (_receiver is not { } receiver)
        {
            AnswerGrpc(context, GrpcStatus.Unavailable, "The dashboard is not up yet.");
            return;
        }

        using var forwarded = Forwarded(context, new Uri(receiver.Grpc, path), body, GrpcFrame.ContentType);
        forwarded.Version = HttpVersion.Version20;
        forwarded.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        forwarded.Headers.TryAddWithoutValidation("te", "trailers");
        using var answer = await SendUpstreamAsync(forwarded, context.RequestAborted);
        if (answer is null)
        {
            AnswerGrpc(context, GrpcStatus.Unavailable, "The dashboard did not answer.");
            return;
        }

        var response = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        // A call that fails at once answers in headers only; otherwise its status is in the trailers, after the body.
        var status = Header(answer.TrailingHeaders, "grpc-status") ?? Header(answer.Headers, "grpc-status") ?? GrpcStatus.Unknown.ToString("D");
        var message = Header(answer.TrailingHeaders, "grpc-message") ?? Header(answer.Headers, "grpc-message");
        if (answer.IsSuccessStatusCode && status == GrpcStatus.Ok.ToString("D") && GrpcFrame.Unwrap(response) is { } answered)
        {
            count(Received, request, answered);
        }

        AnswerGrpc(context, Enum.Parse<GrpcStatus>(status), message);
        await context.Response.Body.WriteAsync(response, context.RequestAborted);
    }

    /// <summary>
    /// A sink takes the export whole, counts it, and answers success with an empty response (no partial rejection);
    /// its "slowest export" is how long reading and counting took, from the request's start.
    /// </summary>
    private void Accept(ReadOnlyMemory<byte> request, Count count, long started)
    {
        count(Received, request, ReadOnlyMemory<byte>.Empty);
        Received.Relay.Forwarded(Stopwatch.GetElapsedTime(started), succeeded: true);
    }

    private static HttpRequestMessage Forwarded(HttpContext context, Uri target, ReadOnlyMemory<byte> body, string contentType)
    {
        var forwarded = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ReadOnlyMemoryContent(body) };
        forwarded.Content.Headers.ContentType = new(contentType);
        if (context.Request.Headers.TryGetValue(ApiKeyHeader, out var apiKey))
        {
            forwarded.Headers.TryAddWithoutValidation(ApiKeyHeader, apiKey.ToString());
        }

        return forwarded;
    }

    /// <summary>Sends to the dashboard and notes how long it took; null if it could not be reached in time.</summary>
    private async Task<HttpResponseMessage?> SendUpstreamAsync(HttpRequestMessage forwarded, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await _upstream.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead, cancellationToken);
            Received.Relay.Forwarded(Stopwatch.GetElapsedTime(started), answer.IsSuccessStatusCode);
            return answer;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Received.Relay.Forwarded(Stopwatch.GetElapsedTime(started), succeeded: false);
            return null;
        }
    }

    /// <summary>gRPC answers HTTP 200 and carries the call's status in trailers.</summary>
    private static void AnswerGrpc(HttpContext context, GrpcStatus status, string? message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GrpcFrame.ContentType;
        context.Response.AppendTrailer("grpc-status", status.ToString("D"));
        if (message is not null)
        {
            context.Response.AppendTrailer("grpc-message", message);
        }
    }

    private static string? Header(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
