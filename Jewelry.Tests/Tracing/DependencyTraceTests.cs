using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Tracing;

/// <summary>
/// One order's trace read like its story: the request and its input, the synchronous CRM call, the database
/// work, the message published and consumed in two other services, each span named, parented and described.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class DependencyTraceTests(JewelryAppFixture fixture)
{
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task An_order_trace_shows_its_input_the_crm_call_the_database_and_the_message_in_every_service()
    {
        var trace = new TestTrace();

        var (customerId, response) = await _scenario.PlaceCustomOrderInTraceAsync(trace);
        using var _ = response;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(span => span.Is(ResourceNames.CrmApi, SpanKind.Server)) &&
            spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Producer)) &&
            spans.Count(span => span.Kind == SpanKind.Consumer && span.Attribute("messaging.rabbitmq.destination.routing_key") == "order.submitted") >= 2 &&
            spans.Any(span => span.ServiceName == ResourceNames.ShopApi && span.Name == "INSERT orders"));

        // The request and its input.
        var server = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal(SpanStatusCode.Ok, server.Status);
        Assert.Equal("4", server.Attribute("jewelry.request.body.items.0.catalogItemId"));
        Assert.Equal("gold-750", server.Attribute("jewelry.request.body.customPiece.material"));
        Assert.Equal("17.5", server.Attribute("jewelry.request.body.customPiece.ringSizeMm"));

        // The synchronous CRM call: named after its route, under the server span, with the time it was allowed.
        var crmCall = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Client) && span.ScopeName == "System.Net.Http");
        Assert.Equal("GET /api/customers/{id}", crmCall.Name);
        Assert.Equal(server.SpanId, crmCall.ParentSpanId);
        Assert.EndsWith($"/api/customers/{customerId}", crmCall.Attribute("url.full"), StringComparison.Ordinal);
        Assert.Equal("200", crmCall.Attribute("http.response.status_code"));
        Assert.Equal(2.0, double.Parse(crmCall.Attribute("jewelry.timeout.limit_seconds")!, CultureInfo.InvariantCulture));
        var crmServer = Assert.Single(spans, span => span.Is(ResourceNames.CrmApi, SpanKind.Server));
        Assert.Equal(crmCall.SpanId, crmServer.ParentSpanId);
        Assert.Equal(customerId.ToString(), crmServer.Attribute("jewelry.request.route.id"));

        // The database: named by operation and table, placeholders instead of values, with its command timeout.
        var insert = Assert.Single(spans, span => span.ServiceName == ResourceNames.ShopApi && span.Name == "INSERT orders");
        Assert.Equal("shopdb", insert.Attribute("db.namespace"));
        Assert.Equal("orders", insert.Attribute("db.collection.name"));
        Assert.Equal("INSERT", insert.Attribute("db.operation.name"));
        Assert.Contains("@CustomerId", insert.Attribute("db.query.text"), StringComparison.Ordinal);
        Assert.DoesNotContain(customerId.ToString(), insert.Attribute("db.query.text"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(15.0, double.Parse(insert.Attribute("jewelry.timeout.limit_seconds")!, CultureInfo.InvariantCulture));
        Assert.NotNull(insert.Attribute("server.address"));

        // The message: published by Shop's relay, consumed by CRM and MES, all carrying the message and order ids.
        var publish = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Producer));
        Assert.Equal("jewelry.orders", publish.Attribute("messaging.destination.name"));
        Assert.Equal("order.submitted", publish.Attribute("messaging.rabbitmq.destination.routing_key"));
        Assert.Equal(orderId, publish.Attribute("jewelry.order.id"));
        var messageId = publish.Attribute("messaging.message.id");
        Assert.NotNull(messageId);
        foreach (var consumerService in new[] { ResourceNames.CrmApi, ResourceNames.MesApi })
        {
            // Pricing takes 1 s in tests, so the trace may already hold later messages too: pick this one.
            var consume = Assert.Single(spans, span => span.ServiceName == consumerService && span.Kind == SpanKind.Consumer &&
                span.Attribute("messaging.message.id") == messageId);
            Assert.Equal(messageId, consume.Attribute("messaging.message.id"));
            Assert.Equal(orderId, consume.Attribute("jewelry.order.id"));
            Assert.Equal("order.submitted", consume.Attribute("messaging.rabbitmq.destination.routing_key"));
            Assert.Equal(SpanStatusCode.Ok, consume.Status);
            Assert.Equal(publish.SpanId, consume.ParentSpanId);
        }
    }
}
