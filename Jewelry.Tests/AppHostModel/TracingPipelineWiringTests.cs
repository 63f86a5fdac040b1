using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// The operations path (collector and Jaeger) as the AppHost wires it in Containers mode, inspected without
/// starting anything, since no container can run here; and its absence in LocalProcesses mode.
/// </summary>
public sealed class TracingPipelineWiringTests
{
    private const string Containers = $"{InfrastructureModeSelector.ConfigurationKey}=Containers";
    private const string DashboardOtlp = "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:19180";

    [Fact]
    public async Task The_collector_and_jaeger_run_the_pinned_images_with_their_config_files_and_endpoints()
    {
        await using var model = await AppHostModel.BuildAsync(Containers, DashboardOtlp);

        var collector = model.Resource<ContainerResource>(ResourceNames.OtelCollector);
        Assert.True(collector.TryGetContainerImageName(out var collectorImage));
        Assert.Equal($"{TracingImages.CollectorImage}:{TracingImages.CollectorTag}", collectorImage);
        AssertMount(collector, "otel-collector.yaml", "/etc/otelcol-contrib/config.yaml");
        AssertEndpoints(collector, ("grpc", 4317), ("http", 4318), ("health", 13133), ("metrics", 8888));
        Assert.Contains(collector.Annotations.OfType<HealthCheckAnnotation>(), _ => true);

        var jaeger = model.Resource<ContainerResource>(ResourceNames.Jaeger);
        Assert.True(jaeger.TryGetContainerImageName(out var jaegerImage));
        Assert.Equal($"{TracingImages.JaegerImage}:{TracingImages.JaegerTag}", jaegerImage);
        AssertMount(jaeger, "jaeger.yaml", "/etc/jaeger/jaeger.yaml");
        AssertMount(jaeger, "storage-memory.yaml", "/etc/jaeger/storage.yaml");
        AssertEndpoints(jaeger, ("ui", 16686), ("otlp", 4317), ("health", 13133));
        Assert.Contains(jaeger.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
        Assert.Contains(collector.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == jaeger);
    }

    [Fact]
    public async Task Each_service_exports_to_the_collector_and_waits_for_it()
    {
        await using var model = await AppHostModel.BuildAsync(Containers, DashboardOtlp);

        foreach (var service in ResourceNames.Services)
        {
            var environment = await model.PublishedEnvironmentOf(service);
            Assert.Equal("{otel-collector.bindings.grpc.url}", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
            Assert.Contains(model.Resource<ProjectResource>(service).Annotations.OfType<WaitAnnotation>(),
                wait => wait.Resource.Name == ResourceNames.OtelCollector);
        }
    }

    [Fact]
    public async Task The_collector_forwards_to_the_dashboard_with_its_key_and_to_jaeger()
    {
        await using var model = await AppHostModel.BuildAsync(Containers, DashboardOtlp, "AppHost:OtlpApiKey=test-otlp-key");

        // Published form: references stay expressions (resolving them for a run would wait for containers forever).
        var environment = await model.PublishedEnvironmentOf(ResourceNames.OtelCollector);

        // The dashboard is a host URL, which Aspire translates for the container runtime at start (Docker, Podman
        // or its container tunnel); a fixed host name would be right for only one of them.
        var dashboard = Assert.IsType<HostUrl>((await model.DeclaredEnvironmentOf(ResourceNames.OtelCollector))["ASPIRE_DASHBOARD_OTLP_ENDPOINT"]);
        Assert.Equal("http://localhost:19180", dashboard.Url);
        Assert.Equal("test-otlp-key", environment["ASPIRE_DASHBOARD_OTLP_API_KEY"]);
        Assert.Equal("{jaeger.bindings.otlp.url}", environment["JAEGER_OTLP_ENDPOINT"]);
        Assert.Equal("100", environment["TRACE_SAMPLING_PERCENTAGE"]);
    }

    [Fact]
    public async Task The_jaeger_ui_is_a_named_link_in_the_dashboard()
    {
        await using var model = await AppHostModel.BuildAsync(Containers, DashboardOtlp);

        var jaeger = model.Resource<ContainerResource>(ResourceNames.Jaeger);
        var ui = Assert.Single(jaeger.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.Name == "ui");
        Assert.Equal("http", ui.UriScheme);
        Assert.True(ui.IsExternal || ui.IsProxied);
        Assert.Contains(jaeger.Annotations.OfType<ResourceUrlsCallbackAnnotation>(), _ => true);
    }

    [Theory]
    [InlineData("Badger", "storage-badger.yaml")]
    [InlineData("Elasticsearch", "storage-elasticsearch.yaml")]
    [InlineData("OpenSearch", "storage-opensearch.yaml")]
    [InlineData("Cassandra", "storage-cassandra.yaml")]
    public async Task The_storage_switch_mounts_that_backends_file(string storage, string file)
    {
        await using var model = await AppHostModel.BuildAsync(Containers, DashboardOtlp,
            $"{TracingPipelineBuilderExtensions.StorageKey}={storage}", $"{TracingPipelineBuilderExtensions.StorageServersKey}=http://traces-store:9200");

        var jaeger = model.Resource<ContainerResource>(ResourceNames.Jaeger);
        AssertMount(jaeger, file, "/etc/jaeger/storage.yaml");
        if (storage == "Badger")
        {
            Assert.Contains(jaeger.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Type == ContainerMountType.Volume && mount.Target == "/badger");
        }
        else
        {
            Assert.Equal("http://traces-store:9200", (await model.PublishedEnvironmentOf(ResourceNames.Jaeger))["JAEGER_STORAGE_SERVERS"]);
        }
    }

    // Checked on the configuration alone: an AppHost that throws while its model is built under the testing
    // builder was measured to hang the test run instead of failing it.
    [Fact]
    public void A_distributed_backend_without_servers_is_refused_with_what_is_missing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TracingPipelineBuilderExtensions.StorageKey] = "elasticsearch" })
            .Build();

        var storage = TracingPipelineBuilderExtensions.ReadStorage(configuration);
        var error = Assert.Throws<InvalidOperationException>(() => TracingPipelineBuilderExtensions.ReadStorageServers(configuration, storage));

        Assert.Equal(JaegerStorage.Elasticsearch, storage);
        Assert.Contains(TracingPipelineBuilderExtensions.StorageServersKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_storage_is_refused_with_the_allowed_values()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TracingPipelineBuilderExtensions.StorageKey] = "mongodb" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => TracingPipelineBuilderExtensions.ReadStorage(configuration));

        Assert.Contains("Memory, Badger, Elasticsearch, OpenSearch, Cassandra", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_LocalProcesses_mode_there_is_no_collector_and_the_services_keep_exporting_to_the_dashboard()
    {
        await using var model = await AppHostModel.BuildAsync(
            $"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:19181");

        Assert.DoesNotContain(model.Resources, resource => ResourceNames.TracingPipeline.Contains(resource.Name));
        foreach (var service in ResourceNames.Services)
        {
            // Aspire's own setting: the dashboard's OTLP endpoint.
            var environment = await model.DeclaredEnvironmentOf(service);
            Assert.Equal("http://localhost:19181", Assert.IsType<HostUrl>(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]).Url);
        }
    }

    private static void AssertMount(ContainerResource container, string fileName, string target)
    {
        var mount = Assert.Single(container.Annotations.OfType<ContainerMountAnnotation>(), mount => mount.Target == target);
        Assert.Equal(ContainerMountType.BindMount, mount.Type);
        Assert.True(mount.IsReadOnly);
        Assert.Equal(fileName, Path.GetFileName(mount.Source));
        Assert.True(File.Exists(mount.Source), $"{mount.Source} does not exist.");
    }

    private static void AssertEndpoints(ContainerResource container, params (string Name, int TargetPort)[] expected)
    {
        var endpoints = container.Annotations.OfType<EndpointAnnotation>().ToDictionary(endpoint => endpoint.Name, endpoint => endpoint.TargetPort);
        Assert.All(expected, endpoint => Assert.Equal(endpoint.TargetPort, endpoints[endpoint.Name]));
    }
}
