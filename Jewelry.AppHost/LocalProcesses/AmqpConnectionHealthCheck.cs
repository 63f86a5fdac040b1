using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// Healthy once the broker completes an AMQP handshake. An open TCP port is not enough: RabbitMQ listens a
/// moment before it accepts connections, and a service started then would fail its first connection.
/// </summary>
internal sealed class AmqpConnectionHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } uri)
        {
            return HealthCheckResult.Unhealthy("The connection string is not available yet.");
        }

        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(uri),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                AutomaticRecoveryEnabled = false,
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The broker does not accept AMQP connections yet.", exception);
        }
    }
}
