using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// PostgreSQL stopped under the running services, then started again: requests in the window are told to come back
/// (503, Retry-After, the trace id), never 500; afterwards the services work again without a restart, and an order
/// placed just before the outage reaches manufacturing exactly once.
/// </summary>
[Collection(FaultsJewelryApp.Name)]
public sealed class DatabaseRestartTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task While_postgresql_is_down_requests_get_503_with_retry_after_and_afterwards_the_services_recover_losing_no_order()
    {
        var scenario = new OrderScenario(fixture);
        var customerId = await scenario.RegisterCustomerAsync();
        using var shop = await scenario.ShopAsAsync(customerId);
        var before = await OrderScenario.PlaceOrderAsync(shop);

        var stopwatch = Stopwatch.StartNew();
        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Postgres, KnownResourceCommands.StopCommand);
        await fixture.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.Postgres,
            update => update.Snapshot.State?.Text is not (null or "Running" or "Starting"));
        output.WriteLine($"PostgreSQL stopped after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        // A message MES receives during the outage waits for the database instead of using up its deliveries.
        var (waitingOrder, waitingMessage, waitingTrace) = (Guid.CreateVersion7(), Guid.CreateVersion7(), new TestTrace());
        await using (var broker = await BrokerClient.ConnectAsync(fixture.App))
        {
            await broker.PublishAsync("order.submitted", waitingMessage, OrderScenario.OrderSubmittedMessage(waitingMessage, waitingOrder), waitingTrace.TraceParent);
        }

        try
        {
            foreach (var (method, path, content) in new (HttpMethod, string, HttpContent?)[]
            {
                (HttpMethod.Get, "/api/catalog/items", null),
                (HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CatalogOrder)),
            })
            {
                var trace = new TestTrace();
                var requestTime = Stopwatch.StartNew();
                using var response = await shop.SendAsync(trace.Request(method, path, content));
                output.WriteLine($"{method} {path} during the outage: {(int)response.StatusCode} in {requestTime.ElapsedMilliseconds} ms");

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(trace.TraceId, problem.GetProperty("traceId").GetString());

                var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, found => found.Any(IsShopServerSpan));
                var server = Assert.Single(spans, IsShopServerSpan);
                Assert.Equal(SpanStatusCode.Error, server.Status);
                Assert.Equal("503", server.Attribute("http.response.status_code"));
                Assert.StartsWith("Npgsql.", server.Attribute("error.type"), StringComparison.Ordinal);
            }
        }
        finally
        {
            await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Postgres, KnownResourceCommands.StartCommand);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Postgres);
        output.WriteLine($"PostgreSQL healthy again after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        // The services were not restarted: their pools reconnect, and their background work resumes.
        await Eventually.MatchesAsync(async () =>
        {
            using var response = await shop.GetAsync("/api/catalog/items");
            return response.StatusCode;
        }, status => status == HttpStatusCode.OK, "the Shop answering from its database again", TimeSpan.FromSeconds(60));
        var after = await OrderScenario.PlaceOrderAsync(shop);
        output.WriteLine($"Shop serving again after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        foreach (var orderId in new[] { before, after, waitingOrder })
        {
            var order = await scenario.WaitForProductionOrderAsync(orderId, TimeSpan.FromSeconds(60));
            Assert.Equal(orderId, order.GetProperty("orderId").GetGuid());
        }

        // One delivery, handled once the database was back: its consume span waited, each wait an event, and ended well.
        var consumed = await fixture.Telemetry.WaitForTraceAsync(waitingTrace.TraceId,
            spans => spans.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer) && span.Status == SpanStatusCode.Ok));
        var consume = Assert.Single(consumed, span => span.Is(ResourceNames.MesApi, SpanKind.Consumer));
        Assert.Contains(consume.Events, @event => @event.Name == "database unavailable, waiting" && @event.Attribute("jewelry.messaging.handling_attempt") == "1");
        Assert.Equal("False", consume.Attribute("jewelry.messaging.duplicate"), ignoreCase: true);
    }

    private static bool IsShopServerSpan(TelemetrySpan span) => span.Is(ResourceNames.ShopApi, SpanKind.Server);
}
