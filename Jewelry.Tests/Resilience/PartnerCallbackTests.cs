using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// Partner callbacks against the running MES: a callback URL outside the allow-list is refused when the partner names
/// it, and a callback that failed for good is listed for operators, who can have it delivered again.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class PartnerCallbackTests(JewelryAppFixture fixture)
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.7/callbacks")]
    [InlineData("http://[::1]:8080/callbacks")]
    [InlineData("https://partner.attacker.example/callbacks")]
    public async Task A_callback_url_outside_the_allow_list_is_refused_when_the_partner_places_the_order(string callbackUrl)
    {
        using var partner = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Partner, "partner-goldsmiths");

        using var response = await partner.PostAsJsonAsync("/api/partner/orders", PartnerOrder(callbackUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("MES is configured to call", problem.GetProperty("errors").GetProperty("CallbackUrl")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_that_failed_for_good_is_listed_for_operators_and_delivered_when_retried()
    {
        // Two deliveries of three attempts each (the test fixture's MaxDeliveries), all refused: MES gives up.
        await using var receiver = await PartnerCallbackReceiver.StartAsync(failFirst: 6);
        const string partnerId = "partner-unreachable-for-a-while";
        using var partner = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Partner, partnerId);
        var trace = new TestTrace();
        using var placed = await partner.SendAsync(trace.Request(HttpMethod.Post, "/api/partner/orders", JsonContent.Create(PartnerOrder(receiver.CallbackUrl))));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        using var operatorClient = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-7");
        var failed = await Eventually.MatchesAsync(
            async () => await operatorClient.GetFromJsonAsync<JsonElement[]>($"/api/partner-callbacks/failed?partnerId={partnerId}") ?? [],
            found => found.Any(callback => callback.GetProperty("orderId").GetGuid() == orderId),
            "the callback listed as failed for good", TimeSpan.FromSeconds(60));
        var callback = Assert.Single(failed, item => item.GetProperty("orderId").GetGuid() == orderId);
        Assert.Equal(2, callback.GetProperty("deliveries").GetInt32());
        Assert.Equal("HTTP 503", callback.GetProperty("lastError").GetString());
        Assert.Empty(receiver.Accepted);

        using var retried = await operatorClient.PostAsync($"/api/partner-callbacks/{callback.GetProperty("id").GetInt64()}/retry", null);
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);

        // The partner is back: the retried callback arrives, and the order's later one follows it, in order.
        var accepted = await Eventually.MatchesAsync(() => Task.FromResult(receiver.Accepted), found => found.Count >= 2,
            "the retried callback and the next one delivered", TimeSpan.FromSeconds(30));
        Assert.Equal(["PriceCalculated", "Approved"], accepted.Select(item => item.GetProperty("status").GetString()));
        Assert.DoesNotContain(await operatorClient.GetFromJsonAsync<JsonElement[]>($"/api/partner-callbacks/failed?partnerId={partnerId}") ?? [],
            item => item.GetProperty("orderId").GetGuid() == orderId);

        // The order's trace tells the story: two failed deliveries of the first callback, then the retried one delivered.
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, found => found.Count(IsDelivery) >= 4);
        var deliveries = spans.Where(IsDelivery).OrderBy(span => span.StartTimeUnixNano).ToList();
        Assert.Equal([SpanStatusCode.Error, SpanStatusCode.Error, SpanStatusCode.Ok, SpanStatusCode.Ok], deliveries.Take(4).Select(span => span.Status));
        Assert.Equal(["1", "2", "1"], deliveries.Take(3).Select(span => span.Attribute("jewelry.partner.delivery_attempt")));

        using var unknown = await operatorClient.PostAsync("/api/partner-callbacks/999999999/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static bool IsDelivery(TelemetrySpan span) => span.ServiceName == ResourceNames.MesApi && span.Name == "partner callback";

    private static object PartnerOrder(string callbackUrl) => new
    {
        externalReference = $"PO-{Guid.NewGuid():N}",
        description = "Twelve signet rings with the guild's crest",
        material = "gold-585",
        subtotal = 3000m,
        callbackUrl,
    };
}
