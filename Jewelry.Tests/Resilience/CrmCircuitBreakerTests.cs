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
/// A CRM that fails every call: once the Shop's circuit breaker for it is open, an order is refused at once (503)
/// instead of costing each customer the full retry budget, and its trace says the breaker refused the call.
/// </summary>
[Collection(FaultsJewelryApp.Name)]
public sealed class CrmCircuitBreakerTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private const string BrokenCircuit = "Polly.CircuitBreaker.BrokenCircuitException";

    // The Shop's CrmClient breaker: HttpClients:CrmClient:CircuitBreaker:SamplingDuration in its appsettings.json.
    private static readonly TimeSpan BreakerWindow = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Once_the_breaker_is_open_an_order_is_refused_within_100_ms_and_the_span_says_the_breaker_refused()
    {
        var scenario = new OrderScenario(fixture);
        using var shop = await scenario.ShopAsAsync(await scenario.RegisterCustomerAsync());
        TestTrace refused;
        await using (await InjectedFaults.InjectAsync(fixture, ResourceNames.CrmApi,
            new { target = "GET /api/customers/{id:guid}", errorRate = 1.0 }))
        {
            // Orders fail (502) until failures are 80 % of the calls in the breaker's 30-second window, then are
            // refused (503). The window also holds the calls of the tests before this one (seen: 20 failed orders
            // were not enough after a busy test), so the bound is the window itself, not a number of orders.
            var failingFor = Stopwatch.StartNew();
            var failed = 0;
            while (true)
            {
                Assert.True(failingFor.Elapsed < BreakerWindow + TimeSpan.FromSeconds(15),
                    $"The circuit breaker did not open in {failingFor.Elapsed.TotalSeconds:0} s of orders against a failing CRM ({failed} failed).");
                var trace = new TestTrace();
                using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CatalogOrder)));
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    output.WriteLine($"{failed} orders failed with 502 in {failingFor.Elapsed.TotalSeconds:0.0} s, then the breaker refused one");
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal(trace.TraceId, problem.GetProperty("traceId").GetString());
                    // Come back when the breaker lets calls through again: within its break of 5 s.
                    Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
                    refused = trace;
                    break;
                }

                Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                failed++;
            }
        }

        var spans = await fixture.Telemetry.WaitForTraceAsync(refused.TraceId, found => found.Any(IsShopServerSpan));
        var server = Assert.Single(spans, IsShopServerSpan);
        output.WriteLine($"refused in {server.Duration.TotalMilliseconds:0.0} ms");
        Assert.True(server.Duration < TimeSpan.FromMilliseconds(100), $"The refused order took {server.Duration.TotalMilliseconds:0} ms.");
        Assert.Equal("503", server.Attribute("http.response.status_code"));
        Assert.Equal(BrokenCircuit, server.Attribute("error.type"));
        Assert.Equal(BrokenCircuit, Assert.Single(server.Events, activityEvent => activityEvent.Name == "exception").Attribute("exception.type"));
        // No call left the Shop: the breaker answered for the CRM.
        Assert.DoesNotContain(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Client) && span.Name.Contains("/api/customers", StringComparison.Ordinal));

        // The CRM is healthy again: after the break the breaker lets a call through, and orders succeed.
        await Eventually.MatchesAsync(async () =>
        {
            using var response = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CatalogOrder);
            return response.StatusCode;
        }, status => status == HttpStatusCode.Created, "orders succeeding once the CRM recovered", TimeSpan.FromSeconds(30));
    }

    private static bool IsShopServerSpan(TelemetrySpan span) => span.Is(ResourceNames.ShopApi, SpanKind.Server);
}
