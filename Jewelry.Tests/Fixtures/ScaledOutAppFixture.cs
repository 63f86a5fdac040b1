using Jewelry.AppHost;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// The application with more than one of everything, as it would run beyond one machine: two processes of each API
/// (<c>Services:Replicas=2</c>) behind Aspire's proxies, a three-node RabbitMQ cluster (<c>RabbitMQ:Nodes=3</c>) and a
/// PostgreSQL primary with a synchronous standby (<c>PostgreSQL:Standby=true</c>), LocalProcesses, with the dashboard
/// as the trace store. One application for all the scale-out tests: each start costs tens of CPU-seconds.
/// </summary>
public sealed class ScaledOutAppFixture : JewelryAppFixture
{
    public const int Replicas = 2;

    public const int Nodes = 3;

    protected override IEnumerable<string> AppHostArguments =>
    [
        .. base.AppHostArguments,
        $"{ServiceReplicas.ConfigurationKey}={Replicas}",
        $"{MessagingNodes.ConfigurationKey}={Nodes}",
        $"{DatabaseStandby.ConfigurationKey}=true",
    ];

    protected override IEnumerable<string> ResourcesToWaitFor =>
    [
        .. base.ResourcesToWaitFor,
        .. Enumerable.Range(2, Nodes - 1).Select(number => $"{ResourceNames.Messaging}-{number}"),
        ResourceNames.PostgresStandby,
    ];

    /// <summary>
    /// The Shop gives each call to the CRM 2 s (6 s in all) in production, which the shared application's tests check.
    /// Here a replica's first requests compile its code on two cores shared with the other applications the suite runs
    /// at the same time, and one order's call took longer than that twice: these tests are about replicas, not time-outs.
    /// </summary>
    protected override void ConfigureResources(IDistributedApplicationTestingBuilder builder) =>
        Service(builder, ResourceNames.ShopApi)
            .WithEnvironment("HttpClients__CrmClient__AttemptTimeout__Timeout", "00:00:10")
            .WithEnvironment("HttpClients__CrmClient__TotalRequestTimeout__Timeout", "00:00:30");

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

/// <summary>The scale-out tests share one application; a test that changes it for good runs after the others.</summary>
[CollectionDefinition(Name)]
[TestClassOrderer(typeof(RunsLastInItsCollectionOrderer))]
public sealed class ScaledOutJewelryApp : ICollectionFixture<ScaledOutAppFixture>
{
    public const string Name = "Jewelry application, two of each service, a RabbitMQ cluster and a PostgreSQL standby";
}
