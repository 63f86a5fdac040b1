using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Jewelry.AppHost.LocalProcesses;

public static class LocalRabbitMQBuilderExtensions
{
    /// <summary>
    /// Adds a RabbitMQ node run from the local binaries, with its own node name, ports and data under
    /// <paramref name="runDirectory"/>, so it never meets a developer's own RabbitMQ or another run's.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, string runDirectory)
    {
        var home = Path.Combine(runDirectory, "rabbitmq");
        var pluginsFile = Path.Combine(home, "enabled_plugins");
        Directory.CreateDirectory(home);
        File.WriteAllText(pluginsFile, "[].");

        var server = new LocalRabbitMQServerResource(name, home, $"{NodeNameOf(runDirectory)}@localhost");
        var connectionString = builder.CaptureConnectionString(server);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(
            healthCheckKey,
            _ => new AmqpConnectionHealthCheck(() => connectionString.Value),
            failureStatus: null,
            tags: null));

        return builder.AddResource(server)
            .WithEndpoint(name: LocalRabbitMQServerResource.PrimaryEndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT")
            // Erlang distribution defaults to the AMQP port + 20000, which overflows with Aspire's random ports.
            .WithEndpoint(name: LocalRabbitMQServerResource.DistributionEndpointName, scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEnvironment("HOME", home) // the Erlang cookie is written here
            .WithEnvironment("RABBITMQ_NODENAME", server.NodeName)
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-") // to stdout, which the dashboard shows
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", pluginsFile)
            .WithIconName("Mailbox")
            .WithHealthCheck(healthCheckKey);
    }

    private static string NodeNameOf(string runDirectory) =>
        string.Create(CultureInfo.InvariantCulture, $"jewelry-{Path.GetFileName(runDirectory)}");
}
