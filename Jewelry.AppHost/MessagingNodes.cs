using Microsoft.Extensions.Configuration;

namespace Jewelry.AppHost;

/// <summary>
/// How many RabbitMQ nodes run (AppHost configuration <c>RabbitMQ:Nodes</c>): 1 by default, or a cluster of 3 or 5
/// (an odd number, since a quorum queue needs a majority of its nodes to accept a message). Clusters run in
/// LocalProcesses mode; with containers, production's broker is the place for one (docs/operations.md).
/// </summary>
public static class MessagingNodes
{
    public const string ConfigurationKey = "RabbitMQ:Nodes";

    private static readonly int[] Allowed = [1, 3, 5];

    public static int From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (value is null)
        {
            return 1;
        }

        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var nodes) && Allowed.Contains(nodes)
            ? nodes
            : throw new InvalidOperationException($"{ConfigurationKey} is '{value}'; it must be 1, 3 or 5.");
    }
}
