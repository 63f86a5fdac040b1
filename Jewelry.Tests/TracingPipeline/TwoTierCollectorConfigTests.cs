using System.Text.Json;

namespace Jewelry.Tests.TracingPipeline;

/// <summary>
/// The collector for more than one machine (Telemetry/two-tier, docs/operations.md "Beyond one machine"), checked without
/// a collector to run it: load balancers that route spans by trace id, and tail samplers behind them that decide as the
/// single collector does.
/// </summary>
public sealed class TwoTierCollectorConfigTests
{
    public const string LoadBalancerFile = "two-tier/otel-collector-load-balancer.yaml";
    public const string TailSamplerFile = "two-tier/otel-collector-tail-sampler.yaml";

    private readonly PipelineConfig _single = PipelineConfig.Load("otel-collector.yaml");
    private readonly PipelineConfig _loadBalancer = PipelineConfig.Load(LoadBalancerFile);
    private readonly PipelineConfig _tailSampler = PipelineConfig.Load(TailSamplerFile);

    [Theory]
    [InlineData(LoadBalancerFile)]
    [InlineData(TailSamplerFile)]
    public void Every_pipeline_names_only_components_the_file_defines(string file) =>
        Assert.Empty(PipelineConfig.Load(file).UndefinedComponents());

    [Theory]
    [InlineData(LoadBalancerFile)]
    [InlineData(TailSamplerFile)]
    public void In_every_pipeline_the_memory_limiter_comes_first_and_batching_last(string file)
    {
        var config = PipelineConfig.Load(file);
        Assert.All(config.Map("service", "pipelines").Keys, pipeline =>
        {
            var processors = config.List("service", "pipelines", pipeline, "processors");
            Assert.Equal("memory_limiter", processors[0]);
            Assert.Equal("batch", processors[^1]);
        });
    }

    [Fact]
    public void The_load_balancers_route_every_span_of_a_trace_to_one_tail_sampler()
    {
        Assert.Equal(["loadbalancing"], _loadBalancer.List("service", "pipelines", "traces", "exporters"));
        Assert.Equal("traceID", _loadBalancer.At("exporters", "loadbalancing", "routing_key"));
        Assert.Equal("${env:TAIL_SAMPLERS_DNS_NAME}", _loadBalancer.At("exporters", "loadbalancing", "resolver", "dns", "hostname"));
        Assert.True(_loadBalancer.Map("exporters", "loadbalancing", "protocol").ContainsKey("otlp"));
        // The port the load balancers send to is the one the tail samplers listen on.
        var samplerEndpoint = (string)_tailSampler.At("receivers", "otlp", "protocols", "grpc", "endpoint")!;
        Assert.EndsWith(":" + _loadBalancer.At("exporters", "loadbalancing", "resolver", "dns", "port"), samplerEndpoint, StringComparison.Ordinal);
        Assert.Equal(["otlp/telemetry-backend"], _loadBalancer.List("service", "pipelines", "metrics", "exporters"));
        Assert.Equal(["otlp/telemetry-backend"], _loadBalancer.List("service", "pipelines", "logs", "exporters"));
    }

    [Fact]
    public void The_load_balancers_redact_with_the_single_collectors_rules_before_spans_leave_them()
    {
        Assert.Equal(Json(_single.At("processors", "redaction")), Json(_loadBalancer.At("processors", "redaction")));
        var processors = _loadBalancer.List("service", "pipelines", "traces", "processors");
        Assert.Contains("redaction", processors);
        Assert.DoesNotContain("tail_sampling", processors);
    }

    [Fact]
    public void The_tail_samplers_keep_what_the_single_collector_keeps_and_send_it_to_jaeger()
    {
        Assert.Equal(Json(_single.At("processors", "tail_sampling")), Json(_tailSampler.At("processors", "tail_sampling")));
        Assert.Contains("tail_sampling", _tailSampler.List("service", "pipelines", "traces", "processors"));
        Assert.Equal(["otlp/jaeger"], _tailSampler.List("service", "pipelines", "traces", "exporters"));
        Assert.Equal("${env:JAEGER_OTLP_ENDPOINT}", _tailSampler.At("exporters", "otlp/jaeger", "endpoint"));
    }

    [Theory]
    [InlineData(LoadBalancerFile)]
    [InlineData(TailSamplerFile)]
    public void Health_is_exposed_for_the_orchestrator(string file)
    {
        var config = PipelineConfig.Load(file);
        Assert.Contains("health_check", config.List("service", "extensions"));
        Assert.Equal("0.0.0.0:13133", config.At("extensions", "health_check", "endpoint"));
    }

    private static string Json(object? node) => JsonSerializer.Serialize(node);
}
