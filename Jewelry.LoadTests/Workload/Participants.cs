using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.LoadTests.Systems;

namespace Jewelry.LoadTests.Workload;

/// <summary>The people of one variant's system: a seller, an operator and customers registered in its CRM.</summary>
public sealed record Participants(string SellerToken, string OperatorToken, IReadOnlyList<Customer> Customers)
{
    /// <summary>Registers the customers and signs everyone in through the services' development token endpoints.</summary>
    public static async Task<Participants> SignInAsync(HttpClient http, VariantSystem system, int customerCount, CancellationToken cancellationToken)
    {
        var seller = await IssueTokenAsync(http, system.Crm, "seller-load", "seller", cancellationToken);
        var @operator = await IssueTokenAsync(http, system.Mes, "operator-load", "operator", cancellationToken);

        var customers = new List<Customer>();
        for (var number = 0; number < customerCount; number++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Crm.Address, "/api/customers"))
            {
                Content = JsonContent.Create(new
                {
                    fullName = $"Load Customer {number}",
                    email = $"load-{system.Variant.Label()}-{number}-{Guid.NewGuid():N}@example.com",
                    tier = "gold",
                }),
            };
            request.Headers.Authorization = new("Bearer", seller);
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            var token = await IssueTokenAsync(http, system.Shop, id.ToString(), "customer", cancellationToken);
            customers.Add(new Customer(id, token, await UploadModelAsync(http, system.Shop, token, cancellationToken)));
        }

        return new Participants(seller, @operator, customers);
    }

    /// <summary>Each customer's 3D model for custom pieces: a one-triangle binary STL (80-byte header, count, 50 bytes).</summary>
    private static async Task<Guid> UploadModelAsync(HttpClient http, ServiceEndpoint shop, string token, CancellationToken cancellationToken)
    {
        var stl = new byte[84 + 50];
        stl[80] = 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shop.Address, "/api/models"))
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(stl), "file", "ring.stl" } },
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
    }

    private static async Task<string> IssueTokenAsync(HttpClient http, ServiceEndpoint service, string userId, string role, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(service.Address, "/dev/token"), new { userId, role }, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
    }
}

/// <summary>A customer, signed in, with the 3D model they order custom pieces from.</summary>
public sealed record Customer(Guid Id, string Token, Guid ModelId);
