using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// A local server's health check asks again at a short interval within one of Aspire's checks, so that the resources
/// waiting for the server start as soon as it is ready instead of at Aspire's next, seconds-later ask.
/// </summary>
public sealed class PollingHealthCheckTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_server_that_becomes_ready_is_healthy_within_the_same_check()
    {
        var server = new ServerReadyAtAsk(3);

        var result = await new PollingHealthCheck(server, Interval, TimeSpan.FromSeconds(30)).CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(3, server.Asks);
    }

    [Fact]
    public async Task A_server_that_stays_down_is_reported_as_the_server_reports_it_once_patience_is_over()
    {
        var server = new ServerReadyAtAsk(int.MaxValue);

        var result = await new PollingHealthCheck(server, Interval, TimeSpan.FromMilliseconds(200)).CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(ServerReadyAtAsk.NotReady, result.Description);
        Assert.InRange(server.Asks, 2, 11);
    }

    private static HealthCheckContext Context() => new()
    {
        Registration = new HealthCheckRegistration("server", _ => throw new InvalidOperationException(), null, null),
    };

    private sealed class ServerReadyAtAsk(int readyAt) : IHealthCheck
    {
        public const string NotReady = "not accepting connections yet";

        public int Asks { get; private set; }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(++Asks >= readyAt ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(NotReady));
    }
}
