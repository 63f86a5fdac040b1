using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Orders;

/// <summary>B2B partners order straight from MES and hear of every status change at their callback URL.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class PartnerOrderTests(JewelryAppFixture fixture)
{
    [Fact]
    public async Task A_partner_order_is_made_and_the_partner_is_called_back_on_every_status_change_in_order()
    {
        await using var receiver = await PartnerCallbackReceiver.StartAsync();
        using var partner = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Partner, "partner-goldsmiths");
        var request = new
        {
            externalReference = $"PO-{Guid.NewGuid():N}",
            description = "Twelve signet rings with the guild's crest",
            material = "gold-585",
            subtotal = 3000m,
            callbackUrl = receiver.CallbackUrl,
        };

        using var placed = await partner.PostAsJsonAsync("/api/partner/orders", request);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        // Sending the same order again (a partner retrying after a timeout) does not make a second one.
        using var again = await partner.PostAsJsonAsync("/api/partner/orders", request);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(orderId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid());

        // Priced under contract, the order is approved at once; an operator makes it.
        await Eventually.MatchesAsync(() => Task.FromResult(receiver.Accepted.Count), count => count >= 2, "Pricing and approval callbacks");
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-7");
        foreach (var status in new[] { "InProduction", "QualityCheck", "Completed" })
        {
            using var moved = await mes.PostAsJsonAsync($"/api/production-orders/{orderId}/status", new { status });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var callbacks = await Eventually.MatchesAsync(() => Task.FromResult(receiver.Accepted), accepted => accepted.Count >= 5, "All callbacks");
        Assert.Equal(["PriceCalculated", "Approved", "InProduction", "QualityCheck", "Completed"],
            callbacks.Select(callback => callback.GetProperty("status").GetString()));
        Assert.All(callbacks, callback =>
        {
            Assert.Equal(orderId, callback.GetProperty("orderId").GetGuid());
            Assert.Equal(request.externalReference, callback.GetProperty("externalReference").GetString());
        });
        // The contract subtotal plus the custom work in gold-585; partners get no tier discount.
        Assert.Equal(3000m + 900m, callbacks[^1].GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task A_failing_partner_is_retried_and_every_attempt_is_a_span_in_the_orders_trace()
    {
        await using var receiver = await PartnerCallbackReceiver.StartAsync(failFirst: 2);
        using var partner = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Partner, "partner-jewellers");
        var trace = new TestTrace();

        var externalReference = $"PO-{Guid.NewGuid():N}";
        using var placed = await partner.SendAsync(trace.Request(HttpMethod.Post, "/api/partner/orders", JsonContent.Create(new
        {
            externalReference,
            description = "A platinum chain",
            material = "platinum-950",
            subtotal = 1000m,
            callbackUrl = receiver.CallbackUrl,
        })));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        await Eventually.MatchesAsync(() => Task.FromResult(receiver.Accepted.Count), count => count >= 1, "The first callback despite two failures");

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Count(IsCallbackAttempt) >= 3 &&
            spans.Any(span => span.Name == "price calculation") && spans.Any(span => span.Name == "partner callback"));
        var attempts = spans.Where(IsCallbackAttempt).OrderBy(span => span.StartTimeUnixNano).Take(3).ToList();
        Assert.Equal(["503", "503", "204"], attempts.Select(span => span.Attribute("http.response.status_code")));
        // One delivery: its pipeline retried twice (PartnerCallbacks:RetriesPerDelivery), each retry numbered.
        Assert.Single(attempts.Select(span => span.ParentSpanId).Distinct());
        Assert.Equal([null, "1", "2"], attempts.Select(span => span.Attribute("http.request.resend_count")));
        // A 5xx from the partner makes the client span an error.
        Assert.Equal([SpanStatusCode.Error, SpanStatusCode.Error, SpanStatusCode.Unset], attempts.Select(span => span.Status));
        // The outgoing request's body, under the same names as a server span's input.
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(externalReference, attempt.Attribute("jewelry.request.body.externalReference"));
            Assert.Equal("PriceCalculated", attempt.Attribute("jewelry.request.body.status"));
        });
        Assert.Contains(spans, span => span.Name == "price calculation");
        Assert.Contains(spans, span => span.Name == "partner callback");
    }

    private static bool IsCallbackAttempt(TelemetrySpan span) =>
        span.Is(ResourceNames.MesApi, SpanKind.Client) && span.ScopeName == "System.Net.Http" &&
        span.Attribute("url.full")?.EndsWith("/callbacks", StringComparison.Ordinal) == true;
}
