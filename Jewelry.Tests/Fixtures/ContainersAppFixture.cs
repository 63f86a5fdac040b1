using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.Telemetry;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// The whole application in Containers mode, as operations run it: PostgreSQL, RabbitMQ, the OpenTelemetry
/// Collector and Jaeger as containers, the services exporting to the collector, which forwards everything to the
/// dashboard and a tail-sampled share to Jaeger. Only where a container engine answers; elsewhere nothing starts
/// and the tests using it are skipped.
/// </summary>
public sealed class ContainersAppFixture : JewelryAppFixture
{
    /// <summary>Every request to this Shop endpoint fails (fault injection from the AppHost's configuration).</summary>
    public const string FailingEndpointPath = "/api/catalog/items/1";

    protected override bool CanStart => ContainerRuntime.Name is not null;

    protected override IEnumerable<string> AppHostArguments =>
    [
        $"{InfrastructureModeSelector.ConfigurationKey}={InfrastructureMode.Containers}",
        $"ASPIRE_CONTAINER_RUNTIME={ContainerRuntime.Name}",
        // Jaeger keeps only what tail sampling must: errors and slow traces.
        $"{TracingPipelineBuilderExtensions.SamplingPercentageKey}=0",
        // An order's trace lasts as long as its asynchronous pricing: 3 s makes it a slow trace that Jaeger keeps.
        "Mes:PriceCalculationDuration=00:00:03",
        "FaultInjection:shop-api:Rules:0:Target=GET /api/catalog/items/{id:int}",
        "FaultInjection:shop-api:Rules:0:ErrorRate=1",
    ];

    protected override IEnumerable<string> ResourcesToWaitFor => [.. ResourceNames.All, .. ResourceNames.TracingPipeline];

    // The first run pulls four images.
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(10);

    public JaegerQueryClient Jaeger => new(new HttpClient
    {
        BaseAddress = new Uri(App.GetEndpoint(ResourceNames.Jaeger, TracingPipelineBuilderExtensions.JaegerUiEndpoint), "/"),
    });

    public Uri CollectorGrpcEndpoint => App.GetEndpoint(ResourceNames.OtelCollector, TracingPipelineBuilderExtensions.CollectorGrpcEndpoint);
}
