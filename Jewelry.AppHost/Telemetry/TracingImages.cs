namespace Jewelry.AppHost.Telemetry;

/// <summary>
/// The pinned images of the operations path. Component names in otel-collector.yaml and the Jaeger files match
/// these versions (collector 0.139: exporters <c>otlp</c>/<c>otlphttp</c>, <c>batch</c> processor); check them
/// against the release notes when a tag changes.
/// </summary>
public static class TracingImages
{
    public const string CollectorImage = "otel/opentelemetry-collector-contrib";
    public const string CollectorTag = "0.139.0";
    public const string JaegerImage = "jaegertracing/jaeger";
    public const string JaegerTag = "2.12.0";
}
