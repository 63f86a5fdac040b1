using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jewelry.AppHost.Telemetry;

/// <summary>
/// The operations path for traces, in Containers mode: an OpenTelemetry Collector that receives the services'
/// OTLP and forwards it to Jaeger (sampled) and to the Aspire dashboard (everything), and Jaeger v2 with its UI.
/// Configuration lives next to this file: <c>otel-collector.yaml</c> and <c>jaeger/*.yaml</c>.
/// </summary>
public static partial class TracingPipelineBuilderExtensions
{
    public const string StorageKey = "Jaeger:Storage";
    public const string StorageServersKey = "Jaeger:StorageServers";
    public const string SamplingPercentageKey = "Tracing:SamplingPercentage";
    public const string SlowTraceThresholdKey = "Tracing:SlowTraceThresholdMs";
    public const string ConfigDirectory = "Telemetry";

    public const string CollectorGrpcEndpoint = "grpc";
    public const string CollectorHttpEndpoint = "http";
    public const string HealthEndpoint = "health";
    public const string CollectorMetricsEndpoint = "metrics";
    public const string JaegerUiEndpoint = "ui";
    public const string JaegerOtlpEndpoint = "otlp";

    /// <summary>Adds Jaeger and the collector; returns the collector, which the services export to.</summary>
    public static IResourceBuilder<ContainerResource> AddTracingPipeline(this IDistributedApplicationBuilder builder)
    {
        var jaeger = builder.AddJaeger();
        var configDirectory = Path.Combine(builder.AppHostDirectory, ConfigDirectory);

        var collector = builder.AddContainer(ResourceNames.OtelCollector, TracingImages.CollectorImage, TracingImages.CollectorTag)
            .WithBindMount(Path.Combine(configDirectory, "otel-collector.yaml"), "/etc/otelcol-contrib/config.yaml", isReadOnly: true)
            .WithArgs("--config=/etc/otelcol-contrib/config.yaml")
            .WithEndpoint(targetPort: 4317, name: CollectorGrpcEndpoint, scheme: "http")
            .WithEndpoint(CollectorGrpcEndpoint, endpoint => endpoint.Transport = "http2")
            .WithEndpoint(targetPort: 4318, name: CollectorHttpEndpoint, scheme: "http")
            .WithHttpEndpoint(targetPort: 13133, name: HealthEndpoint)
            .WithHttpEndpoint(targetPort: 8888, name: CollectorMetricsEndpoint)
            .WithHttpHealthCheck("/", endpointName: HealthEndpoint)
            .WithEnvironment("JAEGER_OTLP_ENDPOINT", jaeger.GetEndpoint(JaegerOtlpEndpoint))
            .WithEnvironment("TRACE_SAMPLING_PERCENTAGE", builder.Configuration[SamplingPercentageKey] ?? "100")
            .WithEnvironment("TRACE_SAMPLING_LATENCY_THRESHOLD_MS", builder.Configuration[SlowTraceThresholdKey] ?? "2000")
            .WithDashboardExport(builder)
            .WaitFor(jaeger);

        return collector;
    }

    /// <summary>
    /// Points a service's OTLP export at the collector instead of the dashboard, and makes it wait for the
    /// collector: spans sent before it listens would be lost. Without a collector (LocalProcesses mode) the
    /// service keeps Aspire's default, the dashboard.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTraceExport(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ContainerResource>? collector)
    {
        if (collector is null)
        {
            return service;
        }

        var grpc = collector.GetEndpoint(CollectorGrpcEndpoint);
        return service
            .WithEnvironment(context =>
            {
                // The collector replaces the dashboard as the receiver (this callback runs after Aspire's OTLP one).
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = grpc;
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
                // The dashboard's API key is the collector's business now.
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_HEADERS");
            })
            .WaitFor(collector);
    }

    /// <summary>In LocalProcesses mode: nothing to add, and the log says where traces go instead.</summary>
    public static void ExplainTracingWithoutContainers(this IDistributedApplicationBuilder builder) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TracingPipelineBuilderExtensions).Namespace!);
            LogNoCollector(logger);
            return Task.CompletedTask;
        });

    private static IResourceBuilder<ContainerResource> AddJaeger(this IDistributedApplicationBuilder builder)
    {
        var storage = ReadStorage(builder.Configuration);
        var jaegerDirectory = Path.Combine(builder.AppHostDirectory, ConfigDirectory, "jaeger");
        var storageFile = $"storage-{storage.ToString().ToLowerInvariant()}.yaml";

        var jaeger = builder.AddContainer(ResourceNames.Jaeger, TracingImages.JaegerImage, TracingImages.JaegerTag)
            .WithBindMount(Path.Combine(jaegerDirectory, "jaeger.yaml"), "/etc/jaeger/jaeger.yaml", isReadOnly: true)
            .WithBindMount(Path.Combine(jaegerDirectory, storageFile), "/etc/jaeger/storage.yaml", isReadOnly: true)
            .WithArgs("--config=file:/etc/jaeger/jaeger.yaml", "--config=file:/etc/jaeger/storage.yaml")
            .WithHttpEndpoint(targetPort: 16686, name: JaegerUiEndpoint)
            .WithEndpoint(targetPort: 4317, name: JaegerOtlpEndpoint, scheme: "http")
            .WithEndpoint(JaegerOtlpEndpoint, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(targetPort: 13133, name: HealthEndpoint)
            .WithHttpHealthCheck("/status", endpointName: HealthEndpoint)
            .WithUrlForEndpoint(JaegerUiEndpoint, url => url.DisplayText = "Jaeger UI");

        if (storage == JaegerStorage.Badger)
        {
            jaeger.WithVolume("jewelry-jaeger-badger", "/badger");
        }
        else if (storage != JaegerStorage.Memory)
        {
            jaeger.WithEnvironment("JAEGER_STORAGE_SERVERS", ReadStorageServers(builder.Configuration, storage));
        }

        return jaeger;
    }

    /// <summary>The cluster address a distributed backend needs; refused with what is missing when absent.</summary>
    public static string ReadStorageServers(IConfiguration configuration, JaegerStorage storage)
    {
        var servers = configuration[StorageServersKey];
        return string.IsNullOrWhiteSpace(servers)
            ? throw new InvalidOperationException(
                $"{StorageKey}={storage} needs {StorageServersKey}: the address of the {storage} cluster, e.g. http://elasticsearch:9200.")
            : servers;
    }

    public static JaegerStorage ReadStorage(IConfiguration configuration)
    {
        var value = configuration[StorageKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return JaegerStorage.Memory;
        }

        return Enum.TryParse<JaegerStorage>(value, ignoreCase: true, out var storage) && Enum.IsDefined(storage)
            ? storage
            : throw new InvalidOperationException(
                $"{StorageKey}='{value}' is not known. Use one of: {string.Join(", ", Enum.GetNames<JaegerStorage>())}.");
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "No container runtime: the OpenTelemetry Collector and Jaeger are not started; the services export traces straight to the Aspire dashboard")]
    private static partial void LogNoCollector(ILogger logger);
}
