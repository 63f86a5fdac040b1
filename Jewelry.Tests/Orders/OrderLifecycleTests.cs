using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.Orders;

/// <summary>One order from the customer's click to Completed, driven by each role through its own API.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class OrderLifecycleTests(JewelryAppFixture fixture)
{
    private static readonly string[] FullLifecycle = ["Submitted", "PriceCalculated", "Approved", "InProduction", "QualityCheck", "Completed"];

    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task An_order_goes_from_the_customer_through_pricing_approval_and_production_to_completed()
    {
        // A customer orders a band and a custom piece.
        var customerId = await _scenario.RegisterCustomerAsync("gold");
        using var shop = await _scenario.ShopAsAsync(customerId);
        var model = await OrderScenario.UploadModelAsync(shop);
        using var placed = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CustomOrder(model.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        // MES prices it in the background: (640 band + 1400 gold-750 piece) less the gold tier's 5 %.
        var priced = await Eventually.MatchesAsync(() => GetAsync(shop, $"/api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "PriceCalculated", "Pricing");
        Assert.Equal(1938.00m, priced.GetProperty("price").GetDecimal());

        // A seller finds it on the worklist and approves it.
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        var worklist = await GetAsync(crm, "/api/orders/worklist?pageSize=100");
        Assert.Contains(worklist.GetProperty("items").EnumerateArray(), order => order.GetProperty("orderId").GetGuid() == orderId);
        using (var approved = await crm.PostAsync($"/api/orders/{orderId}/approve", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        }

        using (var twice = await crm.PostAsync($"/api/orders/{orderId}/approve", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        // An operator takes it into work once MES knows of the approval, and moves it through the stages.
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-7");
        await Eventually.MatchesAsync(() => GetAsync(mes, $"/api/production-orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "Approved", "MES learning of the approval");
        using (var skipping = await mes.PostAsJsonAsync($"/api/production-orders/{orderId}/status", new { status = "Completed" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, skipping.StatusCode);
        }

        foreach (var status in new[] { "InProduction", "QualityCheck", "Completed" })
        {
            using var moved = await mes.PostAsJsonAsync($"/api/production-orders/{orderId}/status", new { status });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        // The customer and the seller both see the whole story.
        var done = await Eventually.MatchesAsync(() => GetAsync(shop, $"/api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "Completed", "The shop seeing completion");
        Assert.Equal(FullLifecycle, done.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString()));

        var inCrm = await Eventually.MatchesAsync(() => GetAsync(crm, $"/api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "Completed", "The CRM seeing completion");
        Assert.Equal(FullLifecycle, inCrm.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_rejected_order_is_closed_everywhere_and_cannot_be_taken_into_work()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        using var placed = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CatalogOrder);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        await Eventually.MatchesAsync(() => GetAsync(crm, $"/api/orders/{orderId}", allowNotFound: true),
            order => order.ValueKind == JsonValueKind.Object && order.GetProperty("status").GetString() == "PriceCalculated", "Pricing");
        using (var rejected = await crm.PostAsJsonAsync($"/api/orders/{orderId}/reject", new { reason = "Stone out of stock" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);
        }

        await Eventually.MatchesAsync(() => GetAsync(shop, $"/api/orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "Rejected", "The shop seeing the rejection");
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-7");
        await Eventually.MatchesAsync(() => GetAsync(mes, $"/api/production-orders/{orderId}"),
            order => order.GetProperty("status").GetString() == "Rejected", "MES seeing the rejection");
        using var takeIntoWork = await mes.PostAsJsonAsync($"/api/production-orders/{orderId}/status", new { status = "InProduction" });
        Assert.Equal(HttpStatusCode.Conflict, takeIntoWork.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, bool allowNotFound = false)
    {
        using var response = await client.GetAsync(path);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
