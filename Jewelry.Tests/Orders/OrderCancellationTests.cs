using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Orders;

/// <summary>
/// A customer cancels an order before a seller approved it: the Shop, MES and the CRM all end with it cancelled,
/// through order.cancelled, in the trace of the customer's request. Later it is refused with the reason.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class OrderCancellationTests(JewelryAppFixture fixture)
{
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task A_cancelled_order_stops_in_mes_leaves_the_worklist_and_is_one_trace()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        var orderId = await OrderScenario.PlaceOrderAsync(shop);
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, $"/api/orders/{orderId}/cancel",
            JsonContent.Create(new { reason = "Found a ring I like more" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cancelled", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // MES stops: the order is closed there, and pricing (due a second after submission here) never marks it priced.
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-1");
        await Eventually.MatchesAsync(() => GetAsync(mes, $"/api/production-orders/{orderId}"),
            order => order.ValueKind == JsonValueKind.Object && order.GetProperty("status").GetString() == "Cancelled", "MES cancelling the order");

        // The CRM has it cancelled, with the customer's reason, and off the sellers' worklist.
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        var crmOrder = await Eventually.MatchesAsync(() => GetAsync(crm, $"/api/orders/{orderId}"),
            order => order.ValueKind == JsonValueKind.Object && order.GetProperty("status").GetString() == "Cancelled", "the CRM cancelling the order");
        Assert.Contains(crmOrder.GetProperty("history").EnumerateArray(), entry =>
            entry.GetProperty("status").GetString() == "Cancelled" && entry.GetProperty("note").GetString() == "Found a ring I like more");
        var worklist = await GetAsync(crm, "/api/orders/worklist?pageSize=100");
        Assert.DoesNotContain(worklist.GetProperty("items").EnumerateArray(), order => order.GetProperty("orderId").GetGuid() == orderId);

        // Past the pricing duration, every service still says Cancelled: nothing that was in flight undid it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("Cancelled", (await GetAsync(mes, $"/api/production-orders/{orderId}")).GetProperty("status").GetString());
        var shopOrder = await GetAsync(shop, $"/api/orders/{orderId}");
        Assert.Equal("Cancelled", shopOrder.GetProperty("status").GetString());
        Assert.Equal("Cancelled", shopOrder.GetProperty("history").EnumerateArray().Last().GetProperty("status").GetString());
        Assert.Equal("Cancelled", (await GetAsync(crm, $"/api/orders/{orderId}")).GetProperty("status").GetString());

        // One trace: the customer's request, the message, and both services consuming it.
        // Each service exports its own batches: wait for every span asserted below.
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Count(span => span.Kind == SpanKind.Consumer && span.Attribute("messaging.rabbitmq.destination.routing_key") == "order.cancelled") >= 2 &&
            spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)) &&
            spans.Any(span => span.Name == "outbox relay order.cancelled"));
        var server = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal("POST /api/orders/{orderId:guid}/cancel", server.Name);
        Assert.Equal(orderId.ToString(), server.Attribute("jewelry.order.id"));
        Assert.Equal("Found a ring I like more", server.Attribute("jewelry.request.body.reason"));
        Assert.Single(spans, span => span.ServiceName == ResourceNames.ShopApi && span.Name == "outbox relay order.cancelled");
        foreach (var service in new[] { ResourceNames.MesApi, ResourceNames.CrmApi })
        {
            var consumed = Assert.Single(spans, span => span.Is(service, SpanKind.Consumer));
            Assert.Equal(SpanStatusCode.Ok, consumed.Status);
            Assert.Equal(orderId.ToString(), consumed.Attribute("jewelry.order.id"));
        }
    }

    [Fact]
    public async Task An_approved_order_cannot_be_cancelled_and_the_answer_says_why()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        var orderId = await OrderScenario.PlaceOrderAsync(shop);
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        await Eventually.MatchesAsync(() => GetAsync(crm, $"/api/orders/{orderId}"),
            order => order.ValueKind == JsonValueKind.Object && order.GetProperty("status").GetString() == "PriceCalculated", "pricing");
        using (var approved = await crm.PostAsync($"/api/orders/{orderId}/approve", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        }

        await Eventually.MatchesAsync(() => GetAsync(shop, $"/api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "Approved", "the Shop hearing of the approval");

        using var response = await shop.PostAsync($"/api/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("An order can be cancelled only until a seller approves it; this one is Approved. Contact the shop.", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.Equal("Approved", (await GetAsync(shop, $"/api/orders/{orderId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Nobody_cancels_another_customers_order()
    {
        using var owner = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var orderId = await OrderScenario.PlaceOrderAsync(owner);
        using var stranger = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());

        using var response = await stranger.PostAsync($"/api/orders/{orderId}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("Cancelled", (await GetAsync(owner, $"/api/orders/{orderId}")).GetProperty("status").GetString());
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
