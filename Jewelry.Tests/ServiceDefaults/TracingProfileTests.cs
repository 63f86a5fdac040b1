using Jewelry.ServiceDefaults.Redaction;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Builder;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.ServiceDefaults;

/// <summary>
/// <c>Tracing:Profile=Stock</c> is what the load benchmark compares the product with: stock instrumentation only, no
/// enrichment, no input capture and no redaction. Since it would let personal data through, Production refuses it.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class TracingProfileTests
{
    [Fact]
    public async Task Full_the_default_enriches_server_spans_with_user_input_and_redaction()
    {
        await using var service = await StartAsync(profile: null);

        var span = await TraceSearchAsync(service);

        Assert.Equal(false, span.GetTagItem(UserEnricher.AuthenticatedAttribute));
        Assert.Equal("ring", span.GetTagItem("jewelry.request.query.category"));
        Assert.Equal(SensitiveDataRedactor.Mask, span.GetTagItem("jewelry.request.query.email"));
    }

    [Fact]
    public async Task Stock_leaves_out_enrichers_input_capture_and_redaction()
    {
        await using var service = await StartAsync("Stock");

        var span = await TraceSearchAsync(service);

        Assert.Null(span.GetTagItem(UserEnricher.AuthenticatedAttribute));
        Assert.Null(span.GetTagItem("jewelry.request.query.category"));
        Assert.Null(span.GetTagItem("jewelry.request.query.email"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/search", span.GetTagItem("http.route"));
    }

    [Fact]
    public async Task Production_refuses_the_stock_profile()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("Stock", environment: "Production"));

        Assert.Contains("Tracing:Profile=Stock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_profile_is_refused_with_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("Minimal"));

        Assert.Contains("Full, Stock", error.Message, StringComparison.Ordinal);
    }

    private static Task<InProcessService> StartAsync(string? profile, string environment = "Development") =>
        InProcessService.StartAsync(
            app => app.MapGet("/search", (string category) => category),
            environment: environment,
            settings: new Dictionary<string, string?> { [TracingProfileConfiguration.Key] = profile });

    private static async Task<System.Diagnostics.Activity> TraceSearchAsync(InProcessService service)
    {
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/search?category=ring&email=anna@example.com");
        using (request)
        using (var response = await service.Client.SendAsync(request))
        {
            response.EnsureSuccessStatusCode();
        }

        return await service.ServerSpanAsync(traceId);
    }
}
