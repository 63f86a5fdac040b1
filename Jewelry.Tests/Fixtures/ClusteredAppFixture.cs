using Jewelry.AppHost;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// The application on a three-node RabbitMQ cluster (<c>RabbitMQ:Nodes=3</c>, LocalProcesses), one process of each
/// API, with the dashboard as the trace store.
/// </summary>
public sealed class ClusteredAppFixture : JewelryAppFixture
{
    public const int Nodes = 3;

    protected override IEnumerable<string> AppHostArguments => [.. base.AppHostArguments, $"{MessagingNodes.ConfigurationKey}={Nodes}"];

    protected override IEnumerable<string> ResourcesToWaitFor =>
        [.. base.ResourcesToWaitFor, .. Enumerable.Range(2, Nodes - 1).Select(number => $"{ResourceNames.Messaging}-{number}")];
}

[CollectionDefinition(Name)]
public sealed class ClusteredJewelryApp : ICollectionFixture<ClusteredAppFixture>
{
    public const string Name = "Jewelry application on a three-node RabbitMQ cluster";
}
