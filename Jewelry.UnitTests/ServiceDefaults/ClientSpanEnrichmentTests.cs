using System.Diagnostics;
using System.Text;
using Jewelry.ServiceDefaults.Tracing;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class ClientSpanEnrichmentTests
{
    [Fact]
    public void An_outgoing_request_carries_its_query_its_json_body_and_its_route_template()
    {
        using var activity = new Activity("POST");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://partner.example/callbacks?attempt=2&token=abc")
        {
            Content = new StringContent("""{"orderId":"o-1","status":"Approved","price":3900.00}""", Encoding.UTF8, "application/json"),
        }.WithUrlTemplate("/callbacks");

        ClientSpanEnrichment.OnRequest(activity, request);
        activity.SetTag("http.request.method", "POST");
        ClientSpanEnrichment.OnEnd(activity);

        Assert.Equal("2", activity.GetTagItem("jewelry.request.query.attempt"));
        Assert.Equal("abc", activity.GetTagItem("jewelry.request.query.token")); // masked later, by the redaction processor
        Assert.Equal("Approved", activity.GetTagItem("jewelry.request.body.status"));
        Assert.Equal("3900.00", activity.GetTagItem("jewelry.request.body.price"));
        Assert.Equal("/callbacks", activity.GetTagItem("url.template"));
        Assert.Equal("POST /callbacks", activity.DisplayName);
    }

    [Fact]
    public async Task A_retried_request_is_described_on_every_attempt_and_still_sends_its_whole_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://partner.example/callbacks")
        {
            Content = new StringContent("""{"status":"Approved"}""", Encoding.UTF8, "application/json"),
        };

        foreach (var attempt in new[] { 1, 2, 3 })
        {
            using var activity = new Activity($"attempt {attempt}");
            ClientSpanEnrichment.OnRequest(activity, request);
            Assert.Equal("Approved", activity.GetTagItem("jewelry.request.body.status"));
        }

        Assert.Equal("""{"status":"Approved"}""", await request.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_body_that_is_not_json_or_not_in_memory_is_not_read()
    {
        using var activity = new Activity("POST");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://partner.example/upload")
        {
            Content = new StreamContent(new MemoryStream("{\"a\":1}"u8.ToArray())),
        };

        ClientSpanEnrichment.OnRequest(activity, request);

        Assert.DoesNotContain(activity.TagObjects, tag => tag.Key.StartsWith(InputParameters.BodyPrefix, StringComparison.Ordinal));
    }
}
