using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.ModelFiles;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Orders;

/// <summary>The steps real users take, shared by the order tests: a seller registers a customer, who then shops.</summary>
public sealed class OrderScenario(JewelryAppFixture fixture)
{
    /// <summary>The body of an <c>order.submitted</c> message, as the Shop's relay would publish it.</summary>
    public static string OrderSubmittedMessage(Guid messageId, Guid orderId, decimal subtotal = 1200m) => JsonSerializer.Serialize(new
    {
        messageId,
        orderId,
        occurredAt = DateTime.UtcNow,
        customerId = Guid.CreateVersion7(),
        customerTier = "standard",
        discountPercent = 0m,
        subtotal,
        currency = "EUR",
        itemCount = 1,
    });

    /// <summary>MES's <c>order.status-changed</c> for <paramref name="orderId"/>: its <paramref name="revision"/>-th change, to <paramref name="status"/>.</summary>
    public static string OrderStatusChangedMessage(Guid messageId, Guid orderId, string status, int revision) => JsonSerializer.Serialize(new
    {
        messageId,
        orderId,
        occurredAt = DateTime.UtcNow,
        status,
        revision,
    });

    public static object CatalogOrder => new { items = new[] { new { catalogItemId = 1, quantity = 1 }, new { catalogItemId = 11, quantity = 2 } } };

    /// <summary>A band and a custom piece from the customer's uploaded model (<see cref="UploadModelAsync"/>).</summary>
    public static object CustomOrder(Guid modelId) => new
    {
        items = new[] { new { catalogItemId = 4, quantity = 1 } },
        customPiece = new { modelId, material = "gold-750", ringSizeMm = 17.5, engravingText = "A & M" },
    };

    /// <summary>Uploads a small generated STL as the customer behind <paramref name="shop"/>; returns the model as the Shop answered it.</summary>
    public static async Task<JsonElement> UploadModelAsync(HttpClient shop, TestTrace? trace = null, string fileName = "family-crest.stl")
    {
        using var request = (trace ?? new TestTrace()).Request(HttpMethod.Post, "/api/models", TestModels.Form(TestModels.BinaryStl(), fileName));
        using var response = await shop.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A new customer in the CRM, registered by a seller; returns the customer id (the customer's user id).</summary>
    public async Task<Guid> RegisterCustomerAsync(string tier = "gold")
    {
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        using var response = await crm.PostAsJsonAsync("/api/customers", new
        {
            fullName = "Anna Ivanova",
            email = $"anna.{Guid.NewGuid():N}@example.com",
            phone = "+7 900 123-45-67",
            tier,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public Task<HttpClient> ShopAsAsync(Guid customerId) =>
        fixture.CreateHttpClientAsync(ResourceNames.ShopApi, Roles.Customer, customerId.ToString());

    /// <summary>
    /// A new customer places <paramref name="order"/> in <paramref name="trace"/>, so the test can read that trace
    /// back; the answer is the caller's to check (and dispose).
    /// </summary>
    public async Task<(Guid CustomerId, HttpResponseMessage Response)> PlaceOrderInTraceAsync(TestTrace trace, object order)
    {
        var customerId = await RegisterCustomerAsync();
        using var shop = await ShopAsAsync(customerId);
        return (customerId, await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(order))));
    }

    /// <summary>The same with <see cref="CustomOrder"/>: the new customer uploads a model first (in a trace of its own).</summary>
    public async Task<(Guid CustomerId, HttpResponseMessage Response)> PlaceCustomOrderInTraceAsync(TestTrace trace)
    {
        var customerId = await RegisterCustomerAsync();
        using var shop = await ShopAsAsync(customerId);
        var modelId = (await UploadModelAsync(shop)).GetProperty("id").GetGuid();
        return (customerId, await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(CustomOrder(modelId)))));
    }

    /// <summary>Places <see cref="CatalogOrder"/> through <paramref name="shop"/> (in <paramref name="trace"/>, if given); returns its id.</summary>
    public static async Task<Guid> PlaceOrderAsync(HttpClient shop, TestTrace? trace = null, CancellationToken cancellationToken = default)
    {
        using var request = (trace ?? new TestTrace()).Request(HttpMethod.Post, "/api/orders", JsonContent.Create(CatalogOrder));
        using var response = await shop.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("orderId").GetGuid();
    }

    /// <summary>
    /// Waits until each order is in manufacturing and, priced there, in the seller's CRM, and checks that it arrived
    /// in each exactly once (one Submitted and one PriceCalculated in its CRM history).
    /// </summary>
    public async Task AssertEachDeliveredOnceAsync(IEnumerable<Guid> orders)
    {
        // One MES and one CRM client (and token) serve all the orders.
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-1");
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        foreach (var orderId in orders)
        {
            await WaitForProductionOrderAsync(mes, orderId, TimeSpan.FromSeconds(90));
            var history = CrmHistory(await WaitForCrmOrderAsync(crm, orderId, order => CrmHistory(order).Contains("PriceCalculated"), "as priced", timeout: null));
            Assert.Equal(1, history.Count(status => status == "Submitted"));
            Assert.Equal(1, history.Count(status => status == "PriceCalculated"));
        }
    }

    /// <summary>
    /// Waits until the seller's CRM shows the order (it arrives by message) as <paramref name="isAsExpected"/> wants it,
    /// and returns it. Any other answer is waited out: the fault tests ask while the CRM restarts.
    /// </summary>
    public async Task<JsonElement> WaitForCrmOrderAsync(Guid orderId, Func<JsonElement, bool> isAsExpected, string expectation, TimeSpan? timeout = null)
    {
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        return await WaitForCrmOrderAsync(crm, orderId, isAsExpected, expectation, timeout);
    }

    private static async Task<JsonElement> WaitForCrmOrderAsync(
        HttpClient crm, Guid orderId, Func<JsonElement, bool> isAsExpected, string expectation, TimeSpan? timeout)
    {
        var (_, order) = await Eventually.MatchesAsync(async () =>
        {
            using var response = await crm.GetAsync($"/api/orders/{orderId}");
            return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default);
        }, result => result.StatusCode == HttpStatusCode.OK && isAsExpected(result.Item2),
            $"the CRM knowing order {orderId} {expectation}", timeout ?? TimeSpan.FromSeconds(60));
        return order;
    }

    /// <summary>The statuses in a CRM order's history, oldest first.</summary>
    public static List<string?> CrmHistory(JsonElement order) =>
        order.GetProperty("history").EnumerateArray().Select(entry => entry.GetProperty("status").GetString()).ToList();

    /// <summary>Waits until MES has the order (it arrives by message), and returns it.</summary>
    public async Task<JsonElement> WaitForProductionOrderAsync(Guid orderId, TimeSpan? timeout = null)
    {
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-1");
        return await WaitForProductionOrderAsync(mes, orderId, timeout);
    }

    private static async Task<JsonElement> WaitForProductionOrderAsync(HttpClient mes, Guid orderId, TimeSpan? timeout)
    {
        var (_, order) = await Eventually.MatchesAsync(async () =>
        {
            using var response = await mes.GetAsync($"/api/production-orders/{orderId}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"MES answered {response.StatusCode}.");
            return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default);
        }, result => result.StatusCode == HttpStatusCode.OK, $"MES receiving order {orderId}", timeout);
        return order;
    }
}
