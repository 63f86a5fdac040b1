extern alias CrmApi;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Production;
using Jewelry.ServiceDefaults.Security;
using Jewelry.ShopApi.ModelFiles;
using Jewelry.Tests.Fixtures;
using CustomerTiers = CrmApi::Jewelry.CrmApi.Customers.CustomerTiers;

namespace Jewelry.Tests.Foundation;

/// <summary>
/// Every closed set of values a client sends or reads is an <c>enum</c> in the service's OpenAPI document, equal to
/// the code's constants, and a value outside it is refused with a message naming the allowed ones.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ClosedValueSetTests(JewelryAppFixture fixture)
{
    public static TheoryData<string, string, string, string[]> SchemaProperties => new()
    {
        { ResourceNames.ShopApi, "CustomPieceRequest", "material", [.. Materials.All] },
        { ResourceNames.ShopApi, "CatalogItem", "material", [.. Materials.All] },
        { ResourceNames.ShopApi, "CustomPiece", "material", [.. Materials.All] },
        { ResourceNames.ShopApi, "Order", "status", [.. OrderStatuses.All] },
        { ResourceNames.ShopApi, "StatusChange", "status", [.. OrderStatuses.All] },
        { ResourceNames.ShopApi, "OrderCreated", "status", [.. OrderStatuses.All] },
        { ResourceNames.ShopApi, "ModelFile", "format", [.. ModelFormats.Names] },
        { ResourceNames.ShopApi, "DevelopmentTokenRequest", "role", [.. Roles.All] },
        { ResourceNames.CrmApi, "CreateCustomerRequest", "tier", [.. CustomerTiers.All] },
        { ResourceNames.CrmApi, "Customer", "tier", [.. CustomerTiers.All] },
        { ResourceNames.CrmApi, "CrmOrder", "status", [.. OrderStatuses.All] },
        { ResourceNames.CrmApi, "CrmOrderHistoryEntry", "status", [.. OrderStatuses.All] },
        { ResourceNames.MesApi, "PartnerOrderRequest", "material", [.. Materials.All] },
        { ResourceNames.MesApi, "ProductionOrder", "status", [.. OrderStatuses.All] },
        { ResourceNames.MesApi, "ProductionOrder", "source", [.. ProductionSources.All] },
        { ResourceNames.MesApi, "ProductionOrder", "customPieceMaterial", [.. Materials.All] },
        { ResourceNames.MesApi, "ChangeStatusRequest", "status", [.. ProductionStatus.OperatorTargets] },
    };

    [Theory]
    [MemberData(nameof(SchemaProperties))]
    public async Task A_closed_set_in_a_body_is_the_properties_enum(string service, string schema, string property, string[] values)
    {
        var document = await DocumentOfAsync(service);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty(schema, out var described), $"{service} does not describe {schema}.");
        Assert.Equal(values, EnumOf(described.GetProperty("properties").GetProperty(property)));
    }

    [Theory]
    [InlineData(ResourceNames.ShopApi, "/api/catalog/items", "Material")]
    [InlineData(ResourceNames.MesApi, "/api/production-orders", "Status")]
    public async Task A_closed_set_in_a_query_is_the_parameters_enum(string service, string path, string parameter)
    {
        var document = await DocumentOfAsync(service);

        var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(candidate => candidate.GetProperty("name").GetString()!);
        Assert.Contains(parameter, parameters.Keys);
        var described = parameters[parameter];
        string[] expected = parameter == "Material" ? [.. Materials.All] : [.. OrderStatuses.All];
        Assert.Equal(expected, EnumOf(described.GetProperty("schema")));
    }

    [Fact]
    public async Task A_material_outside_the_set_is_refused_naming_the_allowed_ones()
    {
        using var shop = await fixture.CreateHttpClientAsync(ResourceNames.ShopApi, Roles.Customer, Guid.NewGuid().ToString());

        using var order = await shop.PostAsJsonAsync("/api/orders", new { customPiece = new { modelId = Guid.NewGuid(), material = "gold" } });
        using var catalog = await shop.GetAsync("/api/catalog/items?material=gold");

        const string expected = "Material must be one of gold-585, gold-750, platinum-950, silver-925.";
        Assert.Equal(expected, await ErrorOfAsync(order, "CustomPiece.Material"));
        Assert.Equal(expected, await ErrorOfAsync(catalog, "Material"));
    }

    [Fact]
    public async Task A_status_outside_the_set_is_refused_naming_the_allowed_ones()
    {
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-1");

        using var move = await mes.PostAsJsonAsync($"/api/production-orders/{Guid.NewGuid()}/status", new { status = "Shipped" });
        using var list = await mes.GetAsync("/api/production-orders?status=shipped");

        Assert.Equal("Status must be one of InProduction, QualityCheck, Completed, Cancelled.", await ErrorOfAsync(move, "Status"));
        Assert.Equal($"Status must be one of {string.Join(", ", OrderStatuses.All)}.", await ErrorOfAsync(list, "Status"));
    }

    private async Task<JsonElement> DocumentOfAsync(string service)
    {
        using var client = fixture.CreateHttpClient(service);
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static string[] EnumOf(JsonElement schema)
    {
        Assert.True(schema.TryGetProperty("enum", out var values), $"No enum in {schema}");
        return [.. values.EnumerateArray().Where(value => value.ValueKind != JsonValueKind.Null).Select(value => value.GetString()!)];
    }

    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("traceId", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"No error for {field} in {problem}");
        return Assert.Single(messages.EnumerateArray()).GetString();
    }
}
