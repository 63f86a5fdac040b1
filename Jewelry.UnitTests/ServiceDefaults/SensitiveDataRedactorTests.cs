using System.Diagnostics;
using Jewelry.ServiceDefaults.Redaction;
using Microsoft.Extensions.Options;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class SensitiveDataRedactorTests
{
    private readonly SensitiveDataRedactor _redactor = new(Options.Create(new RedactionOptions()));

    [Theory]
    [InlineData("?search=Anna%20Ivanova&page=2", "?search=[REDACTED]&page=2")]
    [InlineData("?password=hunter2&user=anna", "?password=[REDACTED]&user=anna")]
    [InlineData("?api_key=abc123&x=1", "?api_key=[REDACTED]&x=1")]
    [InlineData("?apiKey=abc123", "?apiKey=[REDACTED]")]
    [InlineData("""{"cardNumber":"4111111111111111","amount":10}""", """{"cardNumber":"[REDACTED]","amount":10}""")]
    [InlineData("Authorization: Bearer abc.def-ghi", "Authorization: Bearer [REDACTED]")]
    [InlineData("sent bearer abc.def-ghi upstream", "sent bearer [REDACTED] upstream")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here", "token [REDACTED]:jwt here")]
    [InlineData("write to anna.ivanova@example.com today", "write to [REDACTED]:email today")]
    [InlineData("/api/customers/by-email/anna%40example.com", "/api/customers/by-email/[REDACTED]:email")]
    [InlineData("paid with 4111 1111 1111 1111.", "paid with [REDACTED]:card.")]
    [InlineData("call +7 900 123-45-67 now", "call [REDACTED]:phone now")]
    [InlineData("phone: (495) 123-45-67", "phone: [REDACTED]:phone")]
    [InlineData("+79001234567", "[REDACTED]:phone")]
    public void Secrets_and_personal_data_are_masked(string text, string expected) =>
        Assert.Equal(expected, _redactor.Redact(text));

    [Theory]
    [InlineData("SELECT id FROM catalog_items WHERE category = @Category LIMIT @PageSize")]
    [InlineData("127.0.0.1")]
    [InlineData("2026-11-25T12:31:05Z")]
    [InlineData("01a212b0-2bff-7434-859d-415c85f4dec2")]
    [InlineData("http://localhost:5102/api/customers/01a21cd6-3496-7565-8887-28cb3f74995d")] // digit groups that pass Luhn
    [InlineData("order 1234567890123 of 4111111111111112")] // 13 and 16 digits failing the Luhn check
    [InlineData("?category=ring&pageSize=5")]
    public void Ordinary_values_are_left_alone_and_not_copied(string text) =>
        Assert.Same(text, _redactor.Redact(text));

    [Fact]
    public void A_text_that_comes_back_as_the_same_instance_is_searched_once()
    {
        // A query text is a constant: the next span with it gets the outcome of the first search.
        const string queryText = "SELECT id FROM customers WHERE email = 'anna.ivanova@example.com' LIMIT 1";

        var first = _redactor.RedactAttribute("db.query.text", queryText);
        var second = _redactor.RedactAttribute("db.query.text", queryText);

        Assert.Equal("SELECT id FROM customers WHERE email = '[REDACTED]:email' LIMIT 1", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Texts_remembered_by_instance_never_lend_their_outcome_to_another_text()
    {
        // Many instances with equal or different text, each searched again: every outcome is its own text's.
        var texts = Enumerable.Range(0, 2_000)
            .Select(index => index % 3 == 0
                ? $"SELECT id FROM customers WHERE id = {index % 7} AND note = 'plain text'"
                : $"SELECT id FROM customers WHERE email = 'customer{index % 7}@example.com'")
            .ToList();

        foreach (var text in texts.Concat(texts))
        {
            Assert.Equal(_redactor.Redact(text), _redactor.RedactAttribute("db.query.text", text));
        }
    }

    [Fact]
    public void A_deployment_can_add_sensitive_names()
    {
        var redactor = new SensitiveDataRedactor(Options.Create(new RedactionOptions { SensitiveNames = ["passport"] }));

        Assert.Equal("?passport=[REDACTED]&city=Oslo", redactor.Redact("?passport=AB123456&city=Oslo"));
    }

    [Fact]
    public void The_processor_masks_string_attributes_before_export_and_keeps_safe_ones()
    {
        using var activity = new Activity("GET /api/customers/");
        activity.SetTag("url.query", "?search=anna@example.com");
        activity.SetTag("url.full", "http://crm/api/customers?token=s3cr3t");
        activity.SetTag("client.address", "10.0.0.7");
        activity.SetTag("http.response.status_code", 200);

        new RedactingProcessor(_redactor).OnEnd(activity);

        Assert.Equal("?search=[REDACTED]", activity.GetTagItem("url.query"));
        Assert.Equal("http://crm/api/customers?token=[REDACTED]", activity.GetTagItem("url.full"));
        Assert.Equal("10.0.0.7", activity.GetTagItem("client.address"));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
    }
}
