using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Xunit.Abstractions;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// RabbitMQ down for 30 s while customers order: every order is accepted (the outbox holds its message), and once
/// the broker is back each reaches manufacturing and the seller's CRM exactly once, with no service restarted.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class BrokerOutageTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BetweenOrders = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Orders_placed_while_the_broker_is_down_reach_manufacturing_and_the_crm_once_it_is_back_each_once()
    {
        var scenario = new OrderScenario(fixture);
        using var shop = await scenario.ShopAsAsync(await scenario.RegisterCustomerAsync());
        var node = RabbitMQControl.Node(fixture.App);

        var orders = new List<Guid>();
        await RabbitMQControl.RunAsync(node, "stop_app");
        var outage = Stopwatch.StartNew();
        try
        {
            while (outage.Elapsed < Outage)
            {
                using var response = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CatalogOrder);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                orders.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid());
                await Task.Delay(BetweenOrders);
            }
        }
        finally
        {
            await RabbitMQControl.RunAsync(node, "start_app");
        }

        output.WriteLine($"{orders.Count} orders accepted during {outage.Elapsed.TotalSeconds:0} s without a broker");
        var back = Stopwatch.StartNew();
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        foreach (var orderId in orders)
        {
            await scenario.WaitForProductionOrderAsync(orderId, TimeSpan.FromSeconds(90));
            // Priced by MES (which announces it through the broker too) and known to the CRM: both directions recovered.
            var (_, history) = await Eventually.MatchesAsync(async () =>
            {
                using var response = await crm.GetAsync($"/api/orders/{orderId}");
                return (response.StatusCode, response.StatusCode == HttpStatusCode.OK
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("history").EnumerateArray().Select(entry => entry.GetProperty("status").GetString()).ToList()
                    : []);
            }, result => result.Item2.Contains("PriceCalculated"), $"the CRM knowing order {orderId} as priced", TimeSpan.FromSeconds(60));
            Assert.Equal(1, history.Count(status => status == "Submitted"));
            Assert.Equal(1, history.Count(status => status == "PriceCalculated"));
        }

        output.WriteLine($"all delivered {back.Elapsed.TotalSeconds:0.0} s after the broker came back");
    }
}
