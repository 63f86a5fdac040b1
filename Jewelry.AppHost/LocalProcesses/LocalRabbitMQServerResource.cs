namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// A RabbitMQ node run from the locally installed rabbitmq-server, listening on loopback only. The built-in
/// guest user is allowed on loopback, which is the only place this node listens.
/// </summary>
public sealed class LocalRabbitMQServerResource(string name, string workingDirectory)
    : ExecutableResource(name, LocalBinaries.RabbitMQServer, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string DistributionEndpointName = "dist";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
