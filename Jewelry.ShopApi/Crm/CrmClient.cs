using System.Net;
using System.Net.Http.Headers;
using Jewelry.ServiceDefaults.Tracing;

namespace Jewelry.ShopApi.Crm;

/// <summary>
/// The CRM API, found through Aspire service discovery (<c>http://crm-api</c>) and called with the standard
/// resilience pipeline (timeouts, retries, circuit breaker). The customer's own token is passed on, so the CRM
/// decides what the caller may see.
/// </summary>
public sealed class CrmClient(HttpClient http)
{
    public async Task<CrmCustomer?> GetCustomerAsync(Guid customerId, AuthenticationHeaderValue? callerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{customerId}").WithUrlTemplate("/api/customers/{id}");
        request.Headers.Authorization = callerToken;

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CrmCustomer>(cancellationToken);
    }
}
