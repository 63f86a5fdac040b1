using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.Foundation;

[Collection(SharedJewelryApp.Name)]
public sealed class OpenApiTests(JewelryAppFixture fixture)
{
    [Theory]
    [InlineData(ResourceNames.ShopApi, "/api/orders")]
    [InlineData(ResourceNames.CrmApi, "/api/orders/{orderId}/approve")]
    [InlineData(ResourceNames.MesApi, "/api/partner/orders")]
    public async Task Each_service_describes_its_api_and_the_bearer_token_it_takes(string service, string documentedPath)
    {
        using var client = fixture.CreateHttpClient(service);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty(documentedPath, out _), $"{documentedPath} is not documented.");
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }
}
