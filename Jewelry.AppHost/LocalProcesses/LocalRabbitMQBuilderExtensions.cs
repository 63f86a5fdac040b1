using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Jewelry.AppHost.LocalProcesses;

public static class LocalRabbitMQBuilderExtensions
{
    /// <summary>
    /// Adds a RabbitMQ node run from the local binaries, with its own node name, ports and data under
    /// <paramref name="runDirectory"/>, so it never meets a developer's own RabbitMQ or another run's.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQServerResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, string runDirectory) =>
        builder.AddNode(Member(name, runDirectory, number: 1), cluster: null);

    /// <summary>
    /// Adds <paramref name="nodes"/> RabbitMQ nodes that form one cluster: the first is named <paramref name="name"/>
    /// (so the services' connection string keeps its name), the others <c>name-2</c>, <c>name-3</c>. They share an
    /// Erlang cookie and find each other from the node list in their configuration (classic peer discovery); each
    /// waits for the one before, so every node after the first joins the cluster the first one started.
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<LocalRabbitMQServerResource>> AddLocalRabbitMQCluster(
        this IDistributedApplicationBuilder builder, string name, string runDirectory, int nodes)
    {
        if (nodes == 1)
        {
            return [builder.AddLocalRabbitMQ(name, runDirectory)];
        }

        var members = Enumerable.Range(1, nodes).Select(number => Member(name, runDirectory, number)).ToList();
        var cluster = new ClusterMembership(
            Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            string.Join('\n', [
                "cluster_formation.peer_discovery_backend = classic_config",
                .. members.Select((member, index) => string.Create(CultureInfo.InvariantCulture, $"cluster_formation.classic_config.nodes.{index + 1} = {member.Node}")),
            ]) + "\n");

        var added = new List<IResourceBuilder<LocalRabbitMQServerResource>>();
        foreach (var member in members)
        {
            var node = builder.AddNode(member, cluster);
            if (added.Count > 0)
            {
                node.WaitFor(added[^1]);
            }

            added.Add(node);
        }

        return added;
    }

    private static IResourceBuilder<LocalRabbitMQServerResource> AddNode(
        this IDistributedApplicationBuilder builder, ClusterMember member, ClusterMembership? cluster)
    {
        var (name, home, nodeName) = member;
        var pluginsFile = Path.Combine(home, "enabled_plugins");
        Directory.CreateDirectory(home);
        File.WriteAllText(pluginsFile, "[].");

        var server = new LocalRabbitMQServerResource(name, home, nodeName);
        var connectionString = builder.CaptureConnectionString(server);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new(
            healthCheckKey,
            _ => new AmqpConnectionHealthCheck(() => connectionString.Value),
            failureStatus: null,
            tags: null));
        builder.Services.PollHealthCheck(healthCheckKey);

        var node = builder.AddResource(server)
            // In a cluster, clients connect to the node itself: a proxy would accept connections for a stopped node,
            // and a client that tries the nodes in turn would keep choosing it.
            .WithEndpoint(name: LocalRabbitMQServerResource.PrimaryEndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: cluster is null)
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

        if (cluster is not null)
        {
            // Nodes admit each other (and rabbitmqctl) by the cookie, which Erlang refuses unless only its owner can read it.
            var cookieFile = Path.Combine(home, ".erlang.cookie");
            File.WriteAllText(cookieFile, cluster.Cookie);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookieFile, UnixFileMode.UserRead);
            }

            var configFile = Path.Combine(home, "rabbitmq.conf");
            File.WriteAllText(configFile, cluster.Configuration);
            node.WithEnvironment("RABBITMQ_CONFIG_FILE", configFile);
        }

        return node;
    }

    /// <summary>
    /// The <paramref name="number"/>th node of a run: the first keeps the plain names (a single node is the first of
    /// one), the others add their number to the resource, its directory and its Erlang node name.
    /// </summary>
    private static ClusterMember Member(string name, string runDirectory, int number)
    {
        var suffix = number == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"-{number}");
        return new ClusterMember(
            name + suffix,
            Path.Combine(runDirectory, "rabbitmq" + suffix),
            $"jewelry-{Path.GetFileName(runDirectory)}{suffix}@localhost");
    }

    private sealed record ClusterMember(string Resource, string Home, string Node);

    private sealed record ClusterMembership(string Cookie, string Configuration);
}
