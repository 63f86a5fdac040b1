using System.Diagnostics;
using System.Globalization;
using Jewelry.LoadTests.Receiver;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Jewelry.LoadTests.Tests;

/// <summary>
/// The sink over gRPC, in its own process as the harness runs it, with the OpenTelemetry SDK's OTLP exporter (the one
/// the services use) as its client: every span exported is counted once, each request span (the generator's parent span
/// id) with its outcome, the exporter takes each answer as success, and the harness reads it all over the process's
/// control channel. The smoke runs cover gRPC through the relay in front of the dashboard and the sink
/// over http/protobuf with the whole system; this is what the sink does differently over gRPC, without a stack.
/// </summary>
public sealed class SinkOverGrpcTests
{
    private const int Batches = 3;
    private const int SpansPerBatch = 100;

    [Fact]
    public async Task Every_span_the_sdk_exports_over_grpc_is_counted_once_and_each_request_span_with_its_outcome()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sink = await ReceiverProcess.StartAsync(TelemetryReceiver.Sink, cancellationToken);
        using var exporter = new OtlpTraceExporter(new OtlpExporterOptions { Endpoint = sink.EndpointFor(ExportProtocol.Grpc), Protocol = OtlpExportProtocol.Grpc });
        using var source = new ActivitySource(nameof(SinkOverGrpcTests));
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var requestParent = ActivitySpanId.CreateFromBytes(ReceivedTelemetry.RequestParentSpanId);
        var requests = new List<(ActivityTraceId TraceId, bool IsError)>();
        for (var batch = 0; batch < Batches; batch++)
        {
            var spans = new Activity[SpansPerBatch];
            for (var i = 0; i < spans.Length; i++)
            {
                // Every tenth span is a request's server span, every third of those an error; the rest are children.
                var isRequest = i % 10 == 0;
                var traceId = ActivityTraceId.CreateRandom();
                var parent = isRequest ? requestParent : ActivitySpanId.CreateRandom();
                var span = source.StartActivity("span", ActivityKind.Server, new ActivityContext(traceId, parent, ActivityTraceFlags.Recorded))!;
                var isError = isRequest && requests.Count % 3 == 0;
                span.SetStatus(isError ? ActivityStatusCode.Error : ActivityStatusCode.Unset);
                span.Stop();
                spans[i] = span;
                if (isRequest)
                {
                    requests.Add((traceId, isError));
                }
            }

            Assert.Equal(ExportResult.Success, exporter.Export(new Batch<Activity>(spans, spans.Length)));
        }

        var counts = (await sink.ReadStateAsync(cancellationToken)).Services.Values.Select(service => service.Counts).ToList();
        Assert.Equal(Batches * SpansPerBatch, counts.Sum(count => count.SpansReceived));
        Assert.Equal(requests.Count(request => request.IsError), counts.Sum(count => count.ErrorSpansReceived));
        Assert.Equal(0, counts.Sum(count => count.SpansRejected));
        var requestSpans = await sink.TakeRequestSpansAsync(cancellationToken);
        Assert.All(requests, request =>
        {
            var traceId = UInt128.Parse(request.TraceId.ToHexString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.True(requestSpans.Contains(traceId), $"Request span of trace {request.TraceId} not counted.");
            Assert.Equal(request.IsError, requestSpans.IsError(traceId));
        });
        // Taken once: the receiver forgets them, so that a long run does not keep one entry per request.
        Assert.Empty((await sink.TakeRequestSpansAsync(cancellationToken)).Received);
    }
}
