using Jewelry.AppHost;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// The application with two processes of each API (<c>Services:Replicas=2</c>) behind Aspire's proxies, on one
/// PostgreSQL server and one RabbitMQ node, with the dashboard as the trace store.
/// </summary>
public sealed class ReplicatedAppFixture : JewelryAppFixture
{
    public const int Replicas = 2;

    protected override IEnumerable<string> AppHostArguments => [.. base.AppHostArguments, $"{ServiceReplicas.ConfigurationKey}={Replicas}"];

    /// <summary>Each replica of the service: its resource id, its spans' <c>service.instance.id</c> and its own address (not the proxy's).</summary>
    public async Task<IReadOnlyList<ServiceReplica>> ReplicasOfAsync(string resourceName)
    {
        // The notification service replays every resource's current state first: the replicas are among them.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var replicas = new Dictionary<string, ServiceReplica>();
        await foreach (var update in App.ResourceNotifications.WatchAsync(timeout.Token))
        {
            if (update.Resource.Name == resourceName &&
                update.Snapshot.Urls.FirstOrDefault(url => url.Name == "http" && !url.IsInternal) is { } http)
            {
                // Aspire names a replica <service>-<suffix> and gives it the suffix as service.instance.id.
                replicas[update.ResourceId] = new ServiceReplica(update.ResourceId, update.ResourceId[(resourceName.Length + 1)..], new Uri(http.Url));
                if (replicas.Count == Replicas)
                {
                    break;
                }
            }
        }

        return [.. replicas.Values.OrderBy(replica => replica.ResourceId, StringComparer.Ordinal)];
    }
}

public sealed record ServiceReplica(string ResourceId, string InstanceId, Uri Address);

[CollectionDefinition(Name)]
public sealed class ReplicatedJewelryApp : ICollectionFixture<ReplicatedAppFixture>
{
    public const string Name = "Jewelry application, two of each service";
}
