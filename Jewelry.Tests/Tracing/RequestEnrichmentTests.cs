using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Tracing;

/// <summary>Who called, from where, and how to find the trace again: on the server spans of real requests.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class RequestEnrichmentTests(JewelryAppFixture fixture)
{
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task The_customer_is_on_the_server_spans_of_the_shop_and_of_the_crm_it_calls()
    {
        var trace = new TestTrace();

        var (customerId, response) = await _scenario.PlaceOrderInTraceAsync(trace, OrderScenario.CatalogOrder);
        using var _ = response;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)) &&
            spans.Any(span => span.Is(ResourceNames.CrmApi, SpanKind.Server)));
        foreach (var service in new[] { ResourceNames.ShopApi, ResourceNames.CrmApi })
        {
            var server = Assert.Single(spans, span => span.ServiceName == service && span.Kind == SpanKind.Server);
            Assert.Equal(customerId.ToString(), server.Attribute("user.id"));
            // A string array; the dashboard's API renders it as JSON text.
            Assert.Equal("""["customer"]""", server.Attribute("user.roles"));
            Assert.Equal("true", server.Attribute("jewelry.user.authenticated"), ignoreCase: true);
        }
    }

    [Fact]
    public async Task An_anonymous_request_says_so_and_names_no_user()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Get, "/api/catalog/items/1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => spans.Any(span => span.Kind == SpanKind.Server));
        var server = Assert.Single(spans, span => span.Kind == SpanKind.Server);
        Assert.Equal("false", server.Attribute("jewelry.user.authenticated"), ignoreCase: true);
        Assert.Null(server.Attribute("user.id"));
        Assert.Null(server.Attribute("user.roles"));
    }

    [Fact]
    public async Task A_forged_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        var trace = new TestTrace();
        using var request = trace.Request(HttpMethod.Get, "/api/catalog/items?pageSize=1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.66");

        using var response = await shop.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => spans.Any(span => span.Kind == SpanKind.Server));
        var server = Assert.Single(spans, span => span.Kind == SpanKind.Server);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(server.Attribute("client.address")!)), server.ToString());
        Assert.Equal(server.Attribute("network.peer.address"), server.Attribute("client.address"));
        Assert.DoesNotContain(spans, span => span.Attributes.Values.Any(value => value.Contains("203.0.113.66", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_response_names_its_trace_and_a_problem_carries_the_same_id()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        var trace = new TestTrace();

        using var found = await shop.SendAsync(trace.Request(HttpMethod.Get, "/api/catalog/items/1"));
        using var missing = await shop.GetAsync("/api/catalog/items/424242");

        Assert.Equal(trace.TraceId, Assert.Single(found.Headers.GetValues("X-Trace-Id")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Assert.Single(missing.Headers.GetValues("X-Trace-Id")), problem.GetProperty("traceId").GetString());
    }
}
