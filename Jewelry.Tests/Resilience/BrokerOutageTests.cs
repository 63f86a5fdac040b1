using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
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
        var firstOrderTrace = new TestTrace();
        await RabbitMQControl.RunAsync(node, "stop_app");
        var outage = Stopwatch.StartNew();
        try
        {
            while (outage.Elapsed < Outage)
            {
                var trace = orders.Count == 0 ? firstOrderTrace : new TestTrace();
                using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CatalogOrder)));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                orders.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid());
                await Task.Delay(BetweenOrders);
            }
        }
        finally
        {
            await RabbitMQControl.RunAsync(node, "start_app");
        }

        var brokerBack = DateTimeOffset.UtcNow;

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

        // The first order's trace runs on across the outage: the outbox relay published it only once the broker was
        // back, and MES consumed it in the same trace.
        var spans = await fixture.Telemetry.WaitForTraceAsync(firstOrderTrace.TraceId, found =>
            found.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)));
        var publish = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Producer) && span.Status != SpanStatusCode.Error);
        Assert.True(publish.StartTime >= brokerBack.AddSeconds(-1), $"Published at {publish.StartTime:O}, before the broker was back at {brokerBack:O}.");
        var consume = Assert.Single(spans, span => span.Is(ResourceNames.MesApi, SpanKind.Consumer));
        Assert.Equal(publish.SpanId, consume.ParentSpanId);
    }
}
