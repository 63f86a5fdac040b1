using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// Asks a server's health check again every <paramref name="interval"/> until it is healthy or <paramref name="patience"/>
/// has passed, within one of Aspire's checks. Aspire asks a resource that is not healthy yet again after 1, 2, 3, 4 and then
/// every 5 seconds, so a server that became ready just after one ask held back everything waiting for it by up to that
/// gap; polling inside the ask sees it within <paramref name="interval"/>.
/// </summary>
internal sealed class PollingHealthCheck(IHealthCheck server, TimeSpan interval, TimeSpan patience) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var asking = Stopwatch.StartNew();
        while (true)
        {
            var result = await server.CheckHealthAsync(context, cancellationToken);
            if (result.Status == HealthStatus.Healthy || asking.Elapsed + interval > patience)
            {
                return result;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}

internal static class PollingHealthCheckExtensions
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // Long enough to cover a server's start in a few asks, short enough that a server that stops answering later
    // shows as unhealthy in the dashboard within this after Aspire's next ask (every 30 s while healthy).
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Makes the health check registered as <paramref name="name"/> a <see cref="PollingHealthCheck"/>.</summary>
    public static IServiceCollection PollHealthCheck(this IServiceCollection services, string name) =>
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.Single(registration => registration.Name == name);
            var server = registration.Factory;
            registration.Factory = provider => new PollingHealthCheck(server(provider), Interval, Patience);
        });
}
