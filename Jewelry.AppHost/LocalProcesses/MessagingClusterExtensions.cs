namespace Jewelry.AppHost.LocalProcesses;

internal static class MessagingClusterExtensions
{
    /// <summary>
    /// Gives the service every node of the RabbitMQ cluster (<c>Messaging:Nodes:0..</c>, <c>host:port</c> each, in
    /// order), which its client tries in turn when it connects and when it has lost a node. Nothing without a cluster.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMessagingCluster(
        this IResourceBuilder<ProjectResource> service, IReadOnlyList<IResourceBuilder<LocalRabbitMQServerResource>>? nodes)
    {
        for (var index = 0; index < (nodes?.Count ?? 0); index++)
        {
            var endpoint = nodes![index].Resource.PrimaryEndpoint;
            service.WaitFor(nodes[index]).WithEnvironment(
                $"Messaging__Nodes__{index}",
                ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"));
        }

        return service;
    }
}
