using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Orders;

[Collection(SharedJewelryApp.Name)]
public sealed class PlaceOrderTests(JewelryAppFixture fixture)
{
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task Placing_an_order_is_one_trace_from_the_shop_through_crm_and_rabbitmq_to_mes()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        var trace = new TestTrace();

        var modelId = (await OrderScenario.UploadModelAsync(shop)).GetProperty("id").GetGuid();
        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CustomOrder(modelId))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;

        // Each service exports its own batch, so wait until every span asserted below has arrived.
        Func<TelemetrySpan, bool>[] expected =
        [
            span => span.Is(ResourceNames.ShopApi, SpanKind.Server),
            span => span.Is(ResourceNames.ShopApi, SpanKind.Client) && span.ScopeName == "System.Net.Http",
            span => span.Is(ResourceNames.CrmApi, SpanKind.Server),
            span => span.Is(ResourceNames.ShopApi, SpanKind.Producer),
            span => span.ServiceName == ResourceNames.ShopApi && span.Name.StartsWith("outbox relay", StringComparison.Ordinal),
            span => span.Is(ResourceNames.MesApi, SpanKind.Consumer),
            span => span.ServiceName == ResourceNames.MesApi && span.Attribute("db.query.text")?.Contains("INSERT INTO production_orders", StringComparison.Ordinal) == true,
        ];
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => expected.All(spans.Any));

        // The customer's request in the Shop ...
        var shopServer = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal("POST /api/orders/", shopServer.Name);
        Assert.Equal(trace.ParentSpanId, shopServer.ParentSpanId);

        // ... asks the CRM synchronously who the customer is ...
        var crmCall = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Client) && span.ScopeName == "System.Net.Http");
        Assert.Equal(shopServer.SpanId, crmCall.ParentSpanId);
        Assert.EndsWith($"/api/customers/{customerId}", crmCall.Attribute("url.full"));
        var crmServer = Assert.Single(spans, span => span.Is(ResourceNames.CrmApi, SpanKind.Server));
        Assert.Equal(crmCall.SpanId, crmServer.ParentSpanId);
        Assert.Equal("/api/customers/{id:guid}", crmServer.Attribute("http.route"));

        // ... stores the order ...
        Assert.Contains(spans, span => span.ServiceName == ResourceNames.ShopApi && span.ParentSpanId == shopServer.SpanId &&
            span.Attribute("db.query.text")?.Contains("INSERT INTO orders", StringComparison.Ordinal) == true);

        // ... whose message the outbox relay publishes in the same trace ...
        var relay = Assert.Single(spans, span => span.ServiceName == ResourceNames.ShopApi && span.Name == "outbox relay order.submitted");
        Assert.Equal(shopServer.SpanId, relay.ParentSpanId);
        var publish = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Producer));
        Assert.Equal(relay.SpanId, publish.ParentSpanId);

        // ... and MES consumes it and writes the production order.
        var consume = Assert.Single(spans, span => span.Is(ResourceNames.MesApi, SpanKind.Consumer));
        Assert.Equal(publish.SpanId, consume.ParentSpanId);
        Assert.Equal("False", consume.Attribute("jewelry.messaging.duplicate"), ignoreCase: true);
        Assert.Contains(spans, span => span.ServiceName == ResourceNames.MesApi && span.ParentSpanId == consume.SpanId &&
            span.Attribute("db.query.text")?.Contains("INSERT INTO production_orders", StringComparison.Ordinal) == true);

        // Every span that works on the order names it, in every service.
        Assert.All(spans, span => Assert.True(span.Attribute("jewelry.order.id") == orderId, $"No order id on {span}"));
    }

    [Fact]
    public async Task A_placed_order_reaches_manufacturing_and_the_customer_sees_its_history()
    {
        var customerId = await _scenario.RegisterCustomerAsync("platinum");
        using var shop = await _scenario.ShopAsAsync(customerId);

        using var placed = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CatalogOrder);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        // Pricing takes 1 s in tests, so on a busy machine it may already have run by the time we look.
        string[] submittedOrPriced = ["Submitted", "PriceCalculated"];
        var productionOrder = await _scenario.WaitForProductionOrderAsync(orderId);
        Assert.Contains(productionOrder.GetProperty("status").GetString(), submittedOrPriced);
        Assert.Equal("shop", productionOrder.GetProperty("source").GetString());

        var order = await shop.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
        Assert.Contains(order.GetProperty("status").GetString(), submittedOrPriced);
        Assert.Equal(10m, order.GetProperty("discountPercent").GetDecimal());
        Assert.Equal(4890.00m + 2 * 1260.00m, order.GetProperty("subtotal").GetDecimal());
        Assert.Equal("Submitted", order.GetProperty("history")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rejected_order_names_the_field_and_writes_nothing()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);

        using var unknownItem = await shop.PostAsJsonAsync("/api/orders", new { items = new[] { new { catalogItemId = 99_999, quantity = 1 } } });
        using var empty = await shop.PostAsJsonAsync("/api/orders", new { comment = "nothing" });
        using var badModel = await shop.PostAsJsonAsync("/api/orders", new
        {
            customPiece = new { material = "unobtainium" },
        });
        using var someoneElsesModel = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CustomOrder(Guid.NewGuid()));

        await AssertValidationProblemAsync(unknownItem, "Items[0].CatalogItemId");
        await AssertValidationProblemAsync(empty, "Items");
        await AssertValidationProblemAsync(badModel, "CustomPiece.ModelId", "CustomPiece.Material");
        await AssertValidationProblemAsync(someoneElsesModel, "CustomPiece.ModelId");

        var orders = await shop.GetFromJsonAsync<JsonElement>("/api/orders");
        Assert.Equal(0, orders.GetProperty("totalCount").GetInt64());
        Assert.True(orders.GetProperty("totalCountIsExact").GetBoolean());
    }

    [Fact]
    public async Task A_customer_cannot_read_another_customers_order()
    {
        var anna = await _scenario.RegisterCustomerAsync();
        var boris = await _scenario.RegisterCustomerAsync();
        using var annaShop = await _scenario.ShopAsAsync(anna);
        using var borisShop = await _scenario.ShopAsAsync(boris);

        using var placed = await annaShop.PostAsJsonAsync("/api/orders", OrderScenario.CatalogOrder);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        using var asBoris = await borisShop.GetAsync($"/api/orders/{orderId}");
        using var asAnna = await annaShop.GetAsync($"/api/orders/{orderId}");

        Assert.Equal(HttpStatusCode.NotFound, asBoris.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAnna.StatusCode);
        Assert.Equal(0, (await borisShop.GetFromJsonAsync<JsonElement>("/api/orders")).GetProperty("totalCount").GetInt64());
    }

    private static async Task AssertValidationProblemAsync(HttpResponseMessage response, params string[] fields)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("traceId", out _), problem.ToString());
        var errors = problem.GetProperty("errors");
        Assert.All(fields, field => Assert.True(errors.TryGetProperty(field, out _), $"No error for {field} in {problem}"));
    }
}
