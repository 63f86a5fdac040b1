using Google.Protobuf;
using Jewelry.LoadTests.Receiver.Otlp;

namespace Jewelry.LoadTests.Receiver;

/// <summary>Counts what one OTLP/HTTP protobuf request carries, per service, into <see cref="ReceivedTelemetry"/>.</summary>
internal static class OtlpRequestCounter
{
    private const string ServiceNameAttribute = "service.name";

    // Only the fields of otlp_counts.proto are read; the rest of each span, record and point is skipped.
    private static readonly MessageParser<ExportTraceServiceRequest> TraceRequests = ExportTraceServiceRequest.Parser.WithDiscardUnknownFields(true);
    private static readonly MessageParser<ExportLogsServiceRequest> LogRequests = ExportLogsServiceRequest.Parser.WithDiscardUnknownFields(true);
    private static readonly MessageParser<ExportMetricsServiceRequest> MetricRequests = ExportMetricsServiceRequest.Parser.WithDiscardUnknownFields(true);
    private static readonly MessageParser<ExportTraceServiceResponse> TraceResponses = ExportTraceServiceResponse.Parser.WithDiscardUnknownFields(true);
    private static readonly MessageParser<ExportLogsServiceResponse> LogResponses = ExportLogsServiceResponse.Parser.WithDiscardUnknownFields(true);

    public static void CountSpans(ReceivedTelemetry received, ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response)
    {
        var rejected = response.IsEmpty ? 0 : TraceResponses.ParseFrom(response.Span).PartialSuccess?.RejectedSpans ?? 0;
        foreach (var resourceSpans in TraceRequests.ParseFrom(request.Span).ResourceSpans)
        {
            long spans = 0, errors = 0;
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                spans++;
                var isError = span.Status?.Code == Status.Types.StatusCode.Error;
                errors += isError ? 1 : 0;
                if (span.ParentSpanId.Span.SequenceEqual(ReceivedTelemetry.RequestParentSpanId))
                {
                    received.RecordRequestSpan(TraceIdOf(span.TraceId), isError);
                }
            }

            // A partial rejection names no service: it is charged to the first one of the request.
            received.For(ServiceName(resourceSpans.Resource)).AddSpans(spans, errors, rejected);
            rejected = 0;
        }
    }

    public static void CountLogRecords(ReceivedTelemetry received, ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response)
    {
        var rejected = response.IsEmpty ? 0 : LogResponses.ParseFrom(response.Span).PartialSuccess?.RejectedLogRecords ?? 0;
        foreach (var resourceLogs in LogRequests.ParseFrom(request.Span).ResourceLogs)
        {
            received.For(ServiceName(resourceLogs.Resource)).AddLogRecords(resourceLogs.ScopeLogs.Sum(scope => (long)scope.LogRecords.Count), rejected);
            rejected = 0;
        }
    }

    public static void ReadSdkCounters(ReceivedTelemetry received, ReadOnlyMemory<byte> request)
    {
        foreach (var resourceMetrics in MetricRequests.ParseFrom(request.Span).ResourceMetrics)
        {
            var points = resourceMetrics.ScopeMetrics
                .SelectMany(scope => scope.Metrics)
                .Where(metric => metric.Name is SdkCounterPoint.SpanMetric or SdkCounterPoint.LogMetric && metric.Sum is not null)
                .SelectMany(metric => metric.Sum.DataPoints.Select(point => new SdkCounterPoint(
                    metric.Name,
                    Attribute(point.Attributes, "otel.component.name") ?? "",
                    Dropped: Attribute(point.Attributes, "error.type") is not null,
                    point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : (long)point.AsDouble,
                    DateTimeOffset.UnixEpoch.AddTicks((long)(point.TimeUnixNano / 100)))))
                .ToList();
            received.For(ServiceName(resourceMetrics.Resource)).UpdateSdkCounters(points);
        }
    }

    private static string ServiceName(Resource? resource) => Attribute(resource?.Attributes, ServiceNameAttribute) ?? "unknown";

    private static string? Attribute(IEnumerable<KeyValue>? attributes, string key) =>
        attributes?.FirstOrDefault(attribute => attribute.Key == key)?.Value?.StringValue;

    private static UInt128 TraceIdOf(ByteString traceId) =>
        traceId.Length == 16 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(traceId.Span) : 0;
}
