using System.Text.RegularExpressions;
using Jewelry.ServiceDefaults.Redaction;

namespace Jewelry.Tests.TracingPipeline;

/// <summary>The collector configuration the AppHost mounts, checked without a collector to run it.</summary>
public sealed class CollectorConfigTests
{
    private readonly PipelineConfig _config = PipelineConfig.Load("otel-collector.yaml");

    [Fact]
    public void Every_pipeline_names_only_components_the_file_defines() =>
        Assert.Empty(_config.UndefinedComponents());

    [Fact]
    public void Both_otlp_protocols_are_received()
    {
        Assert.Equal("0.0.0.0:4317", _config.At("receivers", "otlp", "protocols", "grpc", "endpoint"));
        Assert.Equal("0.0.0.0:4318", _config.At("receivers", "otlp", "protocols", "http", "endpoint"));
    }

    [Theory]
    [InlineData("traces/dashboard")]
    [InlineData("traces/jaeger")]
    [InlineData("metrics")]
    [InlineData("logs")]
    public void The_memory_limiter_comes_first_and_batching_last(string pipeline)
    {
        var processors = _config.List("service", "pipelines", pipeline, "processors");
        Assert.Equal("memory_limiter", processors[0]);
        Assert.Equal("batch", processors[^1]);
    }

    [Fact]
    public void Traces_go_to_jaeger_sampled_and_to_the_dashboard_whole_both_redacted()
    {
        Assert.Equal(["otlp/jaeger"], _config.List("service", "pipelines", "traces/jaeger", "exporters"));
        Assert.Contains("tail_sampling", _config.List("service", "pipelines", "traces/jaeger", "processors"));
        Assert.Equal(["otlphttp/dashboard"], _config.List("service", "pipelines", "traces/dashboard", "exporters"));
        Assert.DoesNotContain("tail_sampling", _config.List("service", "pipelines", "traces/dashboard", "processors"));
        Assert.Contains("redaction", _config.List("service", "pipelines", "traces/jaeger", "processors"));
        Assert.Contains("redaction", _config.List("service", "pipelines", "traces/dashboard", "processors"));
        Assert.Equal("${env:ASPIRE_DASHBOARD_OTLP_API_KEY}", _config.At("exporters", "otlphttp/dashboard", "headers", "x-otlp-api-key"));
    }

    [Fact]
    public void Tail_sampling_keeps_errors_slow_traces_and_a_configurable_share()
    {
        var policies = ((List<object?>)_config.At("processors", "tail_sampling", "policies")!)
            .Cast<Dictionary<string, object?>>().ToDictionary(policy => (string)policy["type"]!);

        var errors = (Dictionary<string, object?>)policies["status_code"]["status_code"]!;
        Assert.Equal(["ERROR"], ((List<object?>)errors["status_codes"]!).Cast<string>());
        Assert.Equal("${env:TRACE_SAMPLING_LATENCY_THRESHOLD_MS}", ((Dictionary<string, object?>)policies["latency"]["latency"]!)["threshold_ms"]);
        Assert.Equal("${env:TRACE_SAMPLING_PERCENTAGE}", ((Dictionary<string, object?>)policies["probabilistic"]["probabilistic"]!)["sampling_percentage"]);
    }

    [Fact]
    public void Health_and_own_metrics_are_exposed()
    {
        Assert.Contains("health_check", _config.List("service", "extensions"));
        Assert.Equal("0.0.0.0:13133", _config.At("extensions", "health_check", "endpoint"));
        var reader = (Dictionary<string, object?>)((List<object?>)_config.At("service", "telemetry", "metrics", "readers")!)[0]!;
        Assert.Equal("8888", ((Dictionary<string, object?>)((Dictionary<string, object?>)((Dictionary<string, object?>)reader["pull"]!)["exporter"]!)["prometheus"]!)["port"]);
    }

    // The canaries of the end-to-end redaction tests, as they would look if a service let one through.
    [Theory]
    [InlineData("canary.customer@example.com")]
    [InlineData("paid with 5555555555554444")]
    [InlineData("paid with 4111 1111 1111 1111")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    [InlineData("Authorization: Bearer canary-token-5f1e")]
    [InlineData("call +44 20 7946 0958")]
    [InlineData("?password=canary-Pa55word!&page=2")]
    [InlineData("?apiKey=canary-api-key-77a1")]
    [InlineData("?api_key=canary-api-key-77a1")]
    public void The_redaction_patterns_catch_every_canary(string text)
    {
        // The collector uses Go's RE2; these patterns use only syntax .NET reads the same way.
        Assert.Contains(BlockedValues(), pattern => Regex.IsMatch(text, pattern));
    }

    // Every name the services mask whatever its value; the hashed ones (e-mail, phone) are left to the value
    // patterns, so their hashes still correlate in Jaeger.
    public static TheoryData<string> MaskedNames()
    {
        var defaults = new RedactionOptions();
        return new TheoryData<string>(defaults.SensitiveNames.Except(defaults.HashedNames));
    }

    [Theory]
    [MemberData(nameof(MaskedNames))]
    public void Every_name_the_services_mask_is_masked_by_key(string name)
    {
        var patterns = BlockedKeyPatterns();
        string[] keys =
        [
            $"jewelry.request.body.{name}", $"jewelry.request.query.{name.ToUpperInvariant()}", $"http.request.header.{name}",
            $"jewelry.request.body.customer.{name}", $"jewelry.request.body.{name}.3",
        ];

        Assert.All(keys, key => Assert.Contains(patterns, pattern => Regex.IsMatch(key, pattern)));
    }

    [Theory]
    [InlineData("jewelry.request.body.cardNumber")]
    [InlineData("jewelry.request.query.api_key")]
    [InlineData("jewelry.request.body.full-name")]
    [InlineData("jewelry.request.body.customPiece.engravingText")]
    public void Names_are_matched_in_camel_snake_and_kebab_case(string key) =>
        Assert.Contains(BlockedKeyPatterns(), pattern => Regex.IsMatch(key, pattern));

    [Theory]
    [InlineData("jewelry.request.body.email")]
    [InlineData("jewelry.request.body.phone")]
    [InlineData("jewelry.request.body.customPiece.modelId")]
    [InlineData("jewelry.model.sha256")]
    [InlineData("client.address")]
    [InlineData("db.system.name")]
    [InlineData("messaging.rabbitmq.destination.routing_key")]
    [InlineData("jewelry.user.authenticated")]
    [InlineData("jewelry.timeout.kind")]
    public void Other_attributes_are_not_masked_by_key(string key) =>
        Assert.DoesNotContain(BlockedKeyPatterns(), pattern => Regex.IsMatch(key, pattern));

    [Theory]
    [InlineData("GET /api/catalog/items/{id:int}")]
    [InlineData("01a212d8-e74c-7592-abca-46327bad1113")]
    [InlineData("INSERT INTO orders (id, status) VALUES (@orderId, @Status)")]
    [InlineData("2026-11-25T13:36:37.975283+00:00")]
    public void Ordinary_values_pass_untouched(string text)
    {
        Assert.DoesNotContain(BlockedValues(), pattern => Regex.IsMatch(text, pattern));
    }

    private List<string> BlockedKeyPatterns() => RedactionPatterns("blocked_key_patterns");

    private List<string> BlockedValues() => RedactionPatterns("blocked_values");

    private List<string> RedactionPatterns(string list) =>
        ((List<object?>)_config.At("processors", "redaction", list)!).Cast<string>().ToList();
}
