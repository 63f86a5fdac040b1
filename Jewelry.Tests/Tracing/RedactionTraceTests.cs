using System.Net;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Tracing;

/// <summary>Canary secrets and personal data sent to a real service appear nowhere in its trace.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class RedactionTraceTests(JewelryAppFixture fixture)
{
    [Fact]
    public async Task Canaries_in_the_query_string_and_headers_appear_in_no_span_attribute()
    {
        const string email = "canary.customer@example.com";
        const string token = "canary-token-5f1e";
        const string card = "4111111111111111";
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        var trace = new TestTrace();
        using var request = trace.Request(HttpMethod.Get, $"/api/customers?search={Uri.EscapeDataString(email)}&token={token}&cardNumber={card}");
        request.Headers.Add("X-Api-Key", token);

        using var response = await crm.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(span => span.Kind == SpanKind.Server) && spans.Count(span => span.Attribute("db.query.text") is not null) >= 2);
        var server = Assert.Single(spans, span => span.Kind == SpanKind.Server);
        Assert.Equal("?search=[REDACTED]&token=[REDACTED]&cardNumber=[REDACTED]", server.Attribute("url.query"));
        foreach (var canary in new[] { email, Uri.EscapeDataString(email), "canary.customer", token, card })
        {
            Assert.DoesNotContain(spans, span => span.Attributes.Values.Any(value => value.Contains(canary, StringComparison.OrdinalIgnoreCase)));
        }
    }
}
