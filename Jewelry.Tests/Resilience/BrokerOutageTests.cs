using System.Diagnostics;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// RabbitMQ down for 15 s while customers order: every order is accepted (the outbox holds its message), and once
/// the broker is back each reaches manufacturing and the seller's CRM exactly once, with no service restarted. 15 s
/// spans two of RabbitMQ.Client's reconnection attempts (every 5 s), so the services' recovery is retried, not lucky.
/// </summary>
[Collection(FaultsJewelryApp.Name)]
public sealed class BrokerOutageTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BetweenOrders = TimeSpan.FromSeconds(1.5);

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
                orders.Add(await OrderScenario.PlaceOrderAsync(shop, orders.Count == 0 ? firstOrderTrace : null));
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
        // Priced by MES, which announces it through the broker too: both directions recovered.
        await scenario.AssertEachDeliveredOnceAsync(orders);

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
