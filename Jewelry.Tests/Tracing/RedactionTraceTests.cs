using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jewelry.ServiceDefaults.Redaction;
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
            Assert.DoesNotContain(spans, span => span.AllValues.Any(value => value.Contains(canary, StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public async Task Canaries_in_json_bodies_queries_and_headers_appear_in_no_span_or_log_and_personal_data_is_hashed()
    {
        var email = $"canary.{Guid.NewGuid():N}@example.com";
        const string phone = "+44 20 7946 0958";
        const string password = "canary-Pa55word!";
        const string card = "5555555555554444";
        const string apiKey = "canary-api-key-77a1";
        var token = await fixture.IssueTokenAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        using var crm = fixture.CreateHttpClient(ResourceNames.CrmApi);
        var trace = new TestTrace();
        var customer = new { fullName = "Canary Customer", email, phone, tier = "gold", password, cardNumber = card };

        // The second registration with the same e-mail is refused: both requests must correlate by the e-mail's hash.
        HttpStatusCode[] statuses = [HttpStatusCode.Created, HttpStatusCode.Conflict];
        foreach (var expected in statuses)
        {
            using var request = trace.Request(HttpMethod.Post, $"/api/customers?apiKey={apiKey}", JsonContent.Create(customer));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await crm.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Count(span => span.Kind == SpanKind.Server) == 2 && spans.Count(span => span.Name == "INSERT customers") == 2);
        var servers = spans.Where(span => span.Kind == SpanKind.Server).ToList();
        Assert.All(servers, server =>
        {
            Assert.Equal(SensitiveDataRedactor.Mask, server.Attribute("jewelry.request.body.password"));
            Assert.Equal(SensitiveDataRedactor.Mask, server.Attribute("jewelry.request.body.cardNumber"));
            Assert.Equal(SensitiveDataRedactor.Mask, server.Attribute("jewelry.request.query.apiKey"));
            Assert.Equal(SensitiveDataRedactor.Mask, server.Attribute("jewelry.request.body.fullName"));
            Assert.Equal("gold", server.Attribute("jewelry.request.body.tier"));
        });
        // Hashed with the AppHost's key: the same address gives the same value in both requests, so they correlate.
        var emailHashes = servers.Select(server => server.Attribute("jewelry.request.body.email")).Distinct().ToList();
        Assert.StartsWith(SensitiveDataRedactor.HashPrefix, Assert.Single(emailHashes));
        Assert.StartsWith(SensitiveDataRedactor.HashPrefix, servers[0].Attribute("jewelry.request.body.phone"));

        // The dashboard holds the trace's logs too: Npgsql's command logs for both inserts, the refused one included.
        var logTexts = await Eventually.MatchesAsync(() => fixture.Telemetry.GetLogTextsAsync(trace.TraceId),
            texts => texts.Count(text => text.StartsWith("Command execution completed", StringComparison.Ordinal) &&
                text.Contains("INSERT INTO customers", StringComparison.Ordinal)) >= 2,
            "both inserts' command logs reaching the dashboard");

        foreach (var canary in new[] { email, "canary.", phone, "7946", password, card, apiKey, token, "Canary Customer" })
        {
            Assert.DoesNotContain(spans, span => span.AllValues.Any(value => value.Contains(canary, StringComparison.OrdinalIgnoreCase)));
            Assert.DoesNotContain(logTexts, text => text.Contains(canary, StringComparison.OrdinalIgnoreCase));
        }
    }
}
