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
/// Failures made on purpose (fault injection, a broker short of memory), read back from real traces: the span that
/// failed, why, and the ProblemDetails that leads the user's complaint to that trace.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ErrorAndTimeoutTraceTests(JewelryAppFixture fixture)
{
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task A_crm_slower_than_the_shops_timeout_shows_each_attempt_timing_out_and_a_504_with_the_trace_id()
    {
        // Shop allows the CRM 2 s per attempt, one retry, 6 s in all (HttpClients:CrmClient in its appsettings.json): both
        // attempts time out on their own limit, well before the total one.
        await using var slowCrm = await InjectedFaults.InjectAsync(fixture, ResourceNames.CrmApi,
            new { target = "GET /api/customers/{id:guid}", latency = "00:00:04" });
        var trace = new TestTrace();

        var (_, response) = await _scenario.PlaceOrderInTraceAsync(trace, OrderScenario.CatalogOrder);
        using var _ = response;

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(trace.TraceId, problem.GetProperty("traceId").GetString());
        Assert.Equal(trace.TraceId, Assert.Single(response.Headers.GetValues("X-Trace-Id")));

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Count(IsCrmCall) == 2 && spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)));
        var attempts = spans.Where(IsCrmCall).OrderBy(span => span.StartTimeUnixNano).ToList();
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(SpanStatusCode.Error, attempt.Status);
            Assert.Equal("timeout", attempt.Attribute("error.type"));
            Assert.Equal("attempt", attempt.Attribute("jewelry.timeout.kind"));
            Assert.Equal(2.0, double.Parse(attempt.Attribute("jewelry.timeout.limit_seconds")!, CultureInfo.InvariantCulture));
            Assert.Equal("GET /api/customers/{id}", attempt.Name);
        });
        Assert.Null(attempts[0].Attribute("http.request.resend_count"));
        Assert.Equal("1", attempts[1].Attribute("http.request.resend_count"));

        var server = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal(SpanStatusCode.Error, server.Status);
        Assert.Equal("504", server.Attribute("http.response.status_code"));
        Assert.Equal("Polly.Timeout.TimeoutRejectedException", server.Attribute("error.type"));
        var exception = Assert.Single(server.Events, activityEvent => activityEvent.Name == "exception");
        Assert.Equal("Polly.Timeout.TimeoutRejectedException", exception.Attribute("exception.type"));
        Assert.All(attempts, attempt => Assert.Equal(server.SpanId, attempt.ParentSpanId));
    }

    [Fact]
    public async Task A_forced_error_is_a_500_whose_span_carries_the_exception_type_message_and_stack_trace()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        await using var failing = await InjectedFaults.InjectAsync(fixture, ResourceNames.ShopApi,
            new { target = "GET /api/catalog/items/{id:int}", errorRate = 1.0 });
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Get, "/api/catalog/items/3"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(trace.TraceId, problem.GetProperty("traceId").GetString());

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => spans.Any(span => span.Kind == SpanKind.Server));
        var server = Assert.Single(spans, span => span.Kind == SpanKind.Server);
        const string injected = "Jewelry.ServiceDefaults.FaultInjection.InjectedFaultException";
        Assert.Equal(SpanStatusCode.Error, server.Status);
        Assert.Equal(injected, server.Attribute("error.type"));
        Assert.Equal("true", server.Attribute("jewelry.fault.error"), ignoreCase: true);
        Assert.Equal("3", server.Attribute("jewelry.request.route.id"));
        var exception = Assert.Single(server.Events, activityEvent => activityEvent.Name == "exception");
        Assert.Equal(injected, exception.Attribute("exception.type"));
        Assert.Equal("Fault injected for 'GET /api/catalog/items/{id:int}' (FaultInjection rules; never in Production).", exception.Attribute("exception.message"));
        Assert.Contains("FaultInjectionMiddleware", exception.Attribute("exception.stacktrace"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_mistake_is_answered_4xx_and_the_server_span_is_not_an_error()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Get, "/api/catalog/items/424242"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => spans.Any(span => span.Kind == SpanKind.Server));
        var server = Assert.Single(spans, span => span.Kind == SpanKind.Server);
        Assert.Equal(SpanStatusCode.Ok, server.Status);
        Assert.Null(server.Attribute("error.type"));
        Assert.Empty(server.Events);
    }

    [Fact]
    public async Task A_4xx_from_a_dependency_is_an_error_of_the_calling_client_span_and_of_neither_server_span()
    {
        // A signed-in customer the CRM does not know: the Shop's CRM call is answered 404.
        using var shop = await _scenario.ShopAsAsync(Guid.NewGuid());
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CatalogOrder)));

        Assert.InRange((int)response.StatusCode, 400, 499);
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(IsCrmCall) && spans.Count(span => span.Kind == SpanKind.Server) == 2);
        // Semantic conventions: the caller did not get what it asked for, so its client span failed...
        var call = Assert.Single(spans, IsCrmCall);
        Assert.Equal(SpanStatusCode.Error, call.Status);
        Assert.Equal("404", call.Attribute("http.response.status_code"));
        Assert.Equal("404", call.Attribute("error.type"));
        // ...while both servers answered a client's mistake correctly.
        var crm = Assert.Single(spans, span => span.Is(ResourceNames.CrmApi, SpanKind.Server));
        var shopServer = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal("404", crm.Attribute("http.response.status_code"));
        Assert.Equal(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), shopServer.Attribute("http.response.status_code"));
        Assert.All([crm, shopServer], server =>
        {
            Assert.NotEqual(SpanStatusCode.Error, server.Status);
            Assert.Null(server.Attribute("error.type"));
        });
        Assert.Equal(call.SpanId, crm.ParentSpanId);
    }

    [Fact]
    public async Task A_broker_that_does_not_confirm_in_time_makes_the_relay_span_a_timeout_and_the_message_goes_out_once_it_recovers()
    {
        var trace = new TestTrace();
        Guid orderId;
        await using (await BrokerMemoryAlarm.RaiseAsync(fixture.App))
        {
            // The order is taken all the same: its message waits in the Shop's outbox.
            var (_, response) = await _scenario.PlaceOrderInTraceAsync(trace, OrderScenario.CatalogOrder);
            using var _ = response;
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            orderId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

            await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => spans.Any(IsTimedOutRelay));
        }

        // After the alarm the same relay (not a restarted service) publishes the message, and MES gets the order.
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans => spans.Any(IsConfirmedRelay));
        await _scenario.WaitForProductionOrderAsync(orderId);

        var timedOut = spans.Where(IsTimedOutRelay).OrderBy(span => span.StartTimeUnixNano).First();
        Assert.Equal("outbox relay order.submitted", timedOut.Name);
        Assert.Equal("timeout", timedOut.Attribute("error.type"));
        Assert.Equal("publisher-confirm", timedOut.Attribute("jewelry.timeout.kind"));
        Assert.Equal(5.0, double.Parse(timedOut.Attribute("jewelry.timeout.limit_seconds")!, CultureInfo.InvariantCulture));
        Assert.Equal(orderId.ToString(), timedOut.Attribute("jewelry.order.id"));
        var exception = Assert.Single(timedOut.Events, activityEvent => activityEvent.Name == "exception");
        Assert.Contains("Canceled", exception.Attribute("exception.type"), StringComparison.Ordinal);

        var confirmed = spans.Where(IsConfirmedRelay).OrderBy(span => span.StartTimeUnixNano).First();
        Assert.Equal(timedOut.Attribute("messaging.message.id"), confirmed.Attribute("messaging.message.id"));
        Assert.True(confirmed.StartTimeUnixNano > timedOut.StartTimeUnixNano, "The message was confirmed before its publish timed out.");
    }

    private static bool IsTimedOutRelay(TelemetrySpan span) =>
        IsShopRelay(span) && span.Status == SpanStatusCode.Error && span.Attribute("error.type") == "timeout";

    private static bool IsConfirmedRelay(TelemetrySpan span) => IsShopRelay(span) && span.Status != SpanStatusCode.Error;

    private static bool IsShopRelay(TelemetrySpan span) =>
        span.ServiceName == ResourceNames.ShopApi && span.Name.StartsWith("outbox relay ", StringComparison.Ordinal);

    private static bool IsCrmCall(TelemetrySpan span) =>
        span.Is(ResourceNames.ShopApi, SpanKind.Client) && span.ScopeName == "System.Net.Http";
}
