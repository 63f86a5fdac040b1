using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.Security;

[Collection(SharedJewelryApp.Name)]
public sealed class AuthorizationTests(JewelryAppFixture fixture)
{
    public static TheoryData<string, string, string, HttpStatusCode> RoleChecks => new()
    {
        { ResourceNames.CrmApi, "/api/customers", Roles.Seller, HttpStatusCode.OK },
        { ResourceNames.CrmApi, "/api/customers", Roles.Admin, HttpStatusCode.OK },
        { ResourceNames.CrmApi, "/api/customers", Roles.Customer, HttpStatusCode.Forbidden },
        { ResourceNames.CrmApi, "/api/customers", Roles.Operator, HttpStatusCode.Forbidden },
        { ResourceNames.MesApi, "/api/production-orders", Roles.Operator, HttpStatusCode.OK },
        { ResourceNames.MesApi, "/api/production-orders", Roles.Seller, HttpStatusCode.Forbidden },
        { ResourceNames.MesApi, "/api/production-orders", Roles.Customer, HttpStatusCode.Forbidden },
        { ResourceNames.MesApi, "/api/production-orders", Roles.Partner, HttpStatusCode.Forbidden },
    };

    /// <summary>Writes each role must not make: the body is valid, so only the role check can refuse them.</summary>
    public static TheoryData<string, string, string, string> ForbiddenWrites => new()
    {
        { ResourceNames.ShopApi, "/api/orders", Roles.Seller, """{"items":[{"catalogItemId":1,"quantity":1}]}""" },
        { ResourceNames.ShopApi, "/api/orders", Roles.Operator, """{"items":[{"catalogItemId":1,"quantity":1}]}""" },
        { ResourceNames.CrmApi, "/api/customers", Roles.Customer, """{"fullName":"Eve","email":"eve@example.com"}""" },
        { ResourceNames.CrmApi, $"/api/orders/{Guid.Empty}/approve", Roles.Customer, "{}" },
        { ResourceNames.CrmApi, $"/api/orders/{Guid.Empty}/approve", Roles.Operator, "{}" },
        { ResourceNames.CrmApi, $"/api/orders/{Guid.Empty}/reject", Roles.Partner, """{"reason":"no"}""" },
        { ResourceNames.MesApi, $"/api/production-orders/{Guid.Empty}/status", Roles.Seller, """{"status":"InProduction"}""" },
        { ResourceNames.MesApi, $"/api/production-orders/{Guid.Empty}/status", Roles.Customer, """{"status":"InProduction"}""" },
        { ResourceNames.MesApi, "/api/partner/orders", Roles.Customer, """{"externalReference":"x","description":"abc","material":"gold-585","subtotal":1,"callbackUrl":"http://127.0.0.1:1/cb"}""" },
        { ResourceNames.MesApi, "/api/partner/orders", Roles.Operator, """{"externalReference":"x","description":"abc","material":"gold-585","subtotal":1,"callbackUrl":"http://127.0.0.1:1/cb"}""" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenWrites))]
    public async Task Each_write_refuses_the_wrong_role(string service, string path, string role, string json)
    {
        using var client = await fixture.CreateHttpClientAsync(service, role);

        using var response = await client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(RoleChecks))]
    public async Task Each_endpoint_allows_only_its_roles(string service, string path, string role, HttpStatusCode expected)
    {
        using var client = await fixture.CreateHttpClientAsync(service, role);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(ResourceNames.CrmApi, "/api/customers")]
    [InlineData(ResourceNames.MesApi, "/api/production-orders")]
    public async Task A_request_without_a_token_is_unauthorized(string service, string path)
    {
        using var client = fixture.CreateHttpClient(service);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthorized()
    {
        var forged = new DevelopmentTokenIssuer(
            Microsoft.Extensions.Options.Options.Create(new JwtOptions { SigningKey = new string('x', 64) }),
            TimeProvider.System).Issue("mallory", Roles.Admin);
        using var client = fixture.CreateHttpClient(ResourceNames.CrmApi);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await client.GetAsync("/api/customers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_an_unknown_role_is_refused_naming_the_field()
    {
        using var client = fixture.CreateHttpClient(ResourceNames.ShopApi);

        using var response = await client.PostAsJsonAsync("/dev/token", new { userId = "u1", role = "superuser" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Role", out _), problem.ToString());
    }
}
