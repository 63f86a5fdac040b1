using System.Net.Http.Json;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// Faults injected into one running service through its <c>/dev/faults</c> endpoint (the one the dashboard's
/// commands call), cleared again on dispose so the next test finds the service healthy.
/// </summary>
public sealed class InjectedFaults : IAsyncDisposable
{
    private readonly HttpClient _service;

    private InjectedFaults(HttpClient service) => _service = service;

    public static async Task<InjectedFaults> InjectAsync(JewelryAppFixture fixture, string serviceName, params object[] rules)
    {
        var service = fixture.CreateHttpClient(serviceName);
        using var response = await service.PutAsJsonAsync("/dev/faults", rules);
        response.EnsureSuccessStatusCode();
        return new InjectedFaults(service);
    }

    public async ValueTask DisposeAsync()
    {
        using (var response = await _service.DeleteAsync("/dev/faults"))
        {
            response.EnsureSuccessStatusCode();
        }

        _service.Dispose();
    }
}
