using Jewelry.AppHost.Telemetry;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.TracingPipeline;

/// <summary>
/// The collector's configuration checked by the pinned collector itself (<c>otelcol-contrib validate</c>): component
/// names, settings and pipelines as that version understands them, which the YAML tests can only approximate.
/// </summary>
public sealed class CollectorImageValidationTests
{
    [ContainerRuntimeTheory]
    [InlineData("otel-collector.yaml")]
    [InlineData(TwoTierCollectorConfigTests.LoadBalancerFile)]
    [InlineData(TwoTierCollectorConfigTests.TailSamplerFile)]
    public async Task The_collector_configuration_passes_validate_of_the_pinned_image(string file)
    {
        var configuration = Path.Combine(PipelineConfig.Directory, file);
        string[] environment =
        [
            "JAEGER_OTLP_ENDPOINT=http://jaeger:4317",
            "ASPIRE_DASHBOARD_OTLP_ENDPOINT=http://host.docker.internal:18890",
            "ASPIRE_DASHBOARD_OTLP_API_KEY=validate",
            "TRACE_SAMPLING_PERCENTAGE=10",
            "TRACE_SAMPLING_LATENCY_THRESHOLD_MS=2000",
            "TAIL_SAMPLERS_DNS_NAME=tail-samplers",
            "TELEMETRY_BACKEND_OTLP_ENDPOINT=http://telemetry-backend:4317",
        ];

        await CommandLine.RunAsync("validate of the collector configuration", ContainerRuntime.Name!,
        [
            "run", "--rm",
            "-v", $"{configuration}:/etc/otelcol-contrib/config.yaml:ro",
            .. environment.SelectMany(variable => new[] { "-e", variable }),
            $"{TracingImages.CollectorImage}:{TracingImages.CollectorTag}",
            "validate", "--config=/etc/otelcol-contrib/config.yaml",
        ], TimeSpan.FromMinutes(5));
    }
}
