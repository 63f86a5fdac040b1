using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace Jewelry.Messaging;

/// <summary>
/// The nodes of a RabbitMQ cluster (configuration <c>Messaging:Nodes</c>, <c>host:port</c> each). The connection string
/// names one node and holds the credentials; with the list, the client connects to the first node that answers, in
/// the order given, both at start and when it recovers from losing its node. Without it, the connection string's node.
/// </summary>
public static class BrokerClusterNodes
{
    public const string ConfigurationKey = "Messaging:Nodes";

    public static void ConnectToAnyOf(ConnectionFactory factory, IConfiguration configuration)
    {
        var nodes = configuration.GetSection(ConfigurationKey).Get<string[]>() ?? [];
        if (nodes.Length == 0)
        {
            return;
        }

        var endpoints = nodes.Select(node => AmqpTcpEndpoint.Parse(node)).ToList();
        factory.EndpointResolverFactory = _ => new InOrder(endpoints);
    }

    private sealed class InOrder(IReadOnlyList<AmqpTcpEndpoint> endpoints) : IEndpointResolver
    {
        public IEnumerable<AmqpTcpEndpoint> All() => endpoints;
    }
}
