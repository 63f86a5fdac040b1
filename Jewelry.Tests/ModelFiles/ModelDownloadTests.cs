using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.ModelFiles;

/// <summary>The workshop downloads a custom piece's model through MES, which streams it from the Shop's storage.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ModelDownloadTests(JewelryAppFixture fixture)
{
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task An_operator_downloads_the_model_of_a_custom_piece_through_mes_in_one_trace()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        var model = await OrderScenario.UploadModelAsync(shop);
        var modelId = model.GetProperty("id").GetGuid();
        using var placed = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CustomOrder(modelId));
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
        var production = await _scenario.WaitForProductionOrderAsync(orderId);
        Assert.Equal(modelId, production.GetProperty("customPieceModelId").GetGuid());
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-1");
        var trace = new TestTrace();

        using var response = await mes.SendAsync(trace.Request(HttpMethod.Get, $"/api/production-orders/{orderId}/model"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(TestModels.BinaryStl(), content);
        Assert.Equal("model/stl", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("family-crest.stl", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:", response.Headers.GetValues("Repr-Digest").Single());

        // Each service exports its own batch: wait for both sides of the call.
        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)) && spans.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Server)) &&
            spans.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Client) && span.ScopeName == "System.Net.Http"));
        var mesServer = Assert.Single(spans, span => span.Is(ResourceNames.MesApi, SpanKind.Server));
        var call = Assert.Single(spans, span => span.Is(ResourceNames.MesApi, SpanKind.Client) && span.ScopeName == "System.Net.Http");
        var shopServer = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal(mesServer.SpanId, call.ParentSpanId);
        Assert.Equal("GET /api/models/{id}/content", call.Name);
        Assert.Equal(call.SpanId, shopServer.ParentSpanId);
        Assert.Equal("/api/models/{modelId:guid}/content", shopServer.Attribute("http.route"));
        Assert.Equal("""["operator"]""", shopServer.Attribute("user.roles"));
    }

    [Fact]
    public async Task A_customer_reads_only_their_own_models()
    {
        using var owner = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var modelId = (await OrderScenario.UploadModelAsync(owner)).GetProperty("id").GetGuid();
        using var stranger = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());

        using var metadata = await stranger.GetAsync($"/api/models/{modelId}");
        using var content = await stranger.GetAsync($"/api/models/{modelId}/content");

        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/models/{modelId}")).StatusCode);
    }
}
