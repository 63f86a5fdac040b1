namespace Jewelry.AppHost.LocalProcesses;

/// <summary>
/// A RabbitMQ node run from the locally installed rabbitmq-server, listening on loopback only. The built-in
/// guest user is allowed on loopback, which is the only place this node listens. Its working directory is the
/// node's HOME, which holds the Erlang cookie that <c>rabbitmqctl</c> needs to reach it.
/// </summary>
public sealed class LocalRabbitMQServerResource(string name, string workingDirectory, string nodeName)
    : ExecutableResource(name, LocalBinaries.RabbitMQServer, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string DistributionEndpointName = "dist";

    /// <summary>The Erlang node name (<c>jewelry-…@localhost</c>), unique to this run.</summary>
    public string NodeName { get; } = nodeName;

    /// <summary>The node's control tool, installed beside the server by the same package.</summary>
    public static string ControlTool => LocalBinaries.RabbitMQControl;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
