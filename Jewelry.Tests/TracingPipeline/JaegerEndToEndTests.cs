using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SpanKind = Jewelry.Tests.Telemetry.SpanKind;
using TelemetrySpan = Jewelry.Tests.Telemetry.TelemetrySpan;

namespace Jewelry.Tests.TracingPipeline;

/// <summary>
/// The operations path for real, in Containers mode: traces through the collector into Jaeger (read through its
/// query API v3) and the dashboard, tail sampling at 0 %, and the collector's own redaction. Skipped, with the
/// reason, where no container engine answers.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class JaegerEndToEndTests(ContainersAppFixture fixture) : IClassFixture<ContainersAppFixture>
{
    // Tail sampling decides 10 s after a trace's first span; then batching, then Jaeger's own batching.
    private static readonly TimeSpan JaegerTimeout = TimeSpan.FromSeconds(90);

    private static readonly string[] AllServices = [ResourceNames.CrmApi, ResourceNames.MesApi, ResourceNames.ShopApi];

    [ContainerRuntimeFact]
    public async Task An_order_s_trace_reaches_jaeger_and_the_dashboard_with_spans_of_all_three_services_and_is_found_by_order_and_user()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var scenario = new OrderScenario(fixture);
        var (first, firstOrderId, firstCustomerId) = await PlaceOrderAsync(scenario);
        var (second, _, _) = await PlaceOrderAsync(scenario);

        // Kept although sampling is 0 %: the trace lasts as long as MES's pricing (3 s), longer than the slow threshold.
        var spans = await fixture.Jaeger.WaitForTraceAsync(first.TraceId, HasAllServices, JaegerTimeout);
        Assert.Equal(AllServices, spans.Select(span => span.ServiceName).Distinct().Order());
        Assert.Contains(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server)
            && span.Attribute("user.id") == firstCustomerId.ToString() && span.Attribute("jewelry.order.id") == firstOrderId.ToString());
        Assert.Subset(new HashSet<string>(await fixture.Jaeger.GetServicesAsync()), AllServices.ToHashSet());

        await fixture.Jaeger.WaitForTraceAsync(second.TraceId, HasAllServices, JaegerTimeout);
        var byOrder = await fixture.Jaeger.FindTraceIdsAsync(ResourceNames.ShopApi,
            new Dictionary<string, string> { ["jewelry.order.id"] = firstOrderId.ToString() }, since);
        Assert.Contains(first.TraceId, byOrder);
        Assert.DoesNotContain(second.TraceId, byOrder);
        var byUser = await fixture.Jaeger.FindTraceIdsAsync(ResourceNames.ShopApi,
            new Dictionary<string, string> { ["user.id"] = firstCustomerId.ToString() }, since);
        Assert.Contains(first.TraceId, byUser);
        Assert.DoesNotContain(second.TraceId, byUser);

        // Through the collector, the dashboard still gets every trace.
        var dashboardSpans = await fixture.Telemetry.WaitForTraceAsync(first.TraceId, HasAllServices);
        Assert.Contains(dashboardSpans, span => span.ServiceName == ResourceNames.ShopApi && span.Attribute("user.id") == firstCustomerId.ToString());
    }

    [ContainerRuntimeFact]
    public async Task At_0_percent_sampling_jaeger_keeps_a_failed_request_and_not_an_ordinary_one()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        var ordinary = new TestTrace();
        using (var response = await shop.SendAsync(ordinary.Request(HttpMethod.Get, "/api/catalog/items")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var failing = new TestTrace();
        using (var response = await shop.SendAsync(failing.Request(HttpMethod.Get, ContainersAppFixture.FailingEndpointPath)))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        var kept = await fixture.Jaeger.WaitForTraceAsync(failing.TraceId, spans => spans.Any(IsServerSpan), JaegerTimeout);
        var server = Assert.Single(kept, IsServerSpan);
        Assert.Equal(SpanStatusCode.Error, server.Status);
        Assert.Equal("500", server.Attribute("http.response.status_code"));

        // The ordinary trace began first and waited as long, so its decision is already made; the dashboard has it.
        await fixture.Telemetry.WaitForTraceAsync(ordinary.TraceId, spans => spans.Any(IsServerSpan));
        Assert.Empty(await fixture.Jaeger.GetTraceAsync(ordinary.TraceId));
    }

    /// <summary>
    /// The services mask the same names the collector blocks (a test keeps the lists equal), and configuration can
    /// only add names to theirs; so the test itself plays a service whose redaction missed a secret, sending a
    /// failed span straight to the collector.
    /// </summary>
    [ContainerRuntimeFact]
    public async Task A_secret_that_reaches_the_collector_in_clear_never_reaches_jaeger()
    {
        var canary = $"canary-{Guid.NewGuid():N}";
        string traceId;
        const string source = "Jewelry.Tests.UnredactedSender";
        using (var sender = Sdk.CreateTracerProviderBuilder()
            .AddSource(source)
            .ConfigureResource(resource => resource.AddService("unredacted-sender"))
            .AddOtlpExporter(options =>
            {
                options.Endpoint = fixture.CollectorGrpcEndpoint;
                options.Protocol = OtlpExportProtocol.Grpc;
            })
            .Build())
        {
            using var activitySource = new ActivitySource(source);
            using (var span = activitySource.StartActivity("POST /api/payments", ActivityKind.Server)!)
            {
                span.SetTag("jewelry.request.body.cvv", canary);
                span.SetTag("jewelry.request.query.api_key", canary);
                span.SetStatus(ActivityStatusCode.Error, "declined");
                traceId = span.TraceId.ToHexString();
            }

            Assert.True(sender.ForceFlush(10_000), "The test's spans were not exported to the collector.");
        }

        var spans = await fixture.Jaeger.WaitForTraceAsync(traceId, found => found.Count > 0, JaegerTimeout);
        var stored = Assert.Single(spans);
        Assert.Equal("****", stored.Attribute("jewelry.request.body.cvv"));
        Assert.Equal("****", stored.Attribute("jewelry.request.query.api_key"));
        Assert.DoesNotContain(spans.SelectMany(span => span.AllValues), value => value.Contains(canary, StringComparison.Ordinal));
    }

    private static async Task<(TestTrace Trace, Guid OrderId, Guid CustomerId)> PlaceOrderAsync(OrderScenario scenario)
    {
        var trace = new TestTrace();
        var (customerId, response) = await scenario.PlaceOrderInTraceAsync(trace, OrderScenario.CatalogOrder);
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
            return (trace, orderId, customerId);
        }
    }

    private static bool HasAllServices(IReadOnlyList<TelemetrySpan> spans) =>
        AllServices.All(service => spans.Any(span => span.ServiceName == service));

    private static bool IsServerSpan(TelemetrySpan span) => span.Is(ResourceNames.ShopApi, SpanKind.Server);
}
