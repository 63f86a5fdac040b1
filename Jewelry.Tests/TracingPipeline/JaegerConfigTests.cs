namespace Jewelry.Tests.TracingPipeline;

/// <summary>Jaeger's configuration: the common file merged with each storage backend's, as the AppHost passes them.</summary>
public sealed class JaegerConfigTests
{
    public static TheoryData<string> Backends => new() { "memory", "badger", "elasticsearch", "opensearch", "cassandra" };

    [Theory]
    [MemberData(nameof(Backends))]
    public void Each_storage_backend_gives_a_complete_configuration(string backend)
    {
        var config = PipelineConfig.Load("jaeger/jaeger.yaml", $"jaeger/storage-{backend}.yaml");

        Assert.Empty(config.UndefinedComponents());
        var stores = config.Map("extensions", "jaeger_storage", "backends");
        var store = Assert.Single(stores);
        Assert.Equal(config.At("extensions", "jaeger_query", "storage", "traces"), store.Key);
        Assert.Equal(config.At("exporters", "jaeger_storage_exporter", "trace_storage"), store.Key);
        Assert.Equal(backend, Assert.Single(((Dictionary<string, object?>)store.Value!).Keys));
    }

    [Fact]
    public void Jaeger_receives_otlp_serves_its_ui_and_reports_health_on_the_ports_the_apphost_maps()
    {
        var config = PipelineConfig.Load("jaeger/jaeger.yaml", "jaeger/storage-memory.yaml");

        Assert.Equal("0.0.0.0:4317", config.At("receivers", "otlp", "protocols", "grpc", "endpoint"));
        Assert.Equal("0.0.0.0:16686", config.At("extensions", "jaeger_query", "http", "endpoint"));
        Assert.Equal("0.0.0.0:13133", config.At("extensions", "healthcheckv2", "http", "endpoint"));
    }

    [Theory]
    [InlineData("elasticsearch")]
    [InlineData("opensearch")]
    public void The_search_backends_take_their_servers_from_the_apphost(string backend)
    {
        var config = PipelineConfig.Load("jaeger/jaeger.yaml", $"jaeger/storage-{backend}.yaml");

        Assert.Equal(["${env:JAEGER_STORAGE_SERVERS}"], config.List("extensions", "jaeger_storage", "backends", "traces_store", backend, "server_urls"));
    }
}
