using Jewelry.AppHost.LocalProcesses;

namespace Jewelry.AppHost.Infrastructure;

/// <summary>
/// The databases and the broker the services reference. Each has the same resource name in every mode
/// (shopdb, crmdb, mesdb, messaging), so a service's connection-string names never change. The collector exists
/// in Containers mode only; without it the services export straight to the dashboard. With a RabbitMQ cluster,
/// <see cref="MessagingCluster"/> holds its nodes (the first is <see cref="Messaging"/>), each of which every service
/// is given. With a PostgreSQL standby, <see cref="DatabaseStandby"/> is it: the databases' connection strings name both
/// servers, and the services start once the standby follows the primary.
/// </summary>
public sealed record JewelryInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> ShopDatabase,
    IResourceBuilder<IResourceWithConnectionString> CrmDatabase,
    IResourceBuilder<IResourceWithConnectionString> MesDatabase,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<ContainerResource>? Collector,
    IReadOnlyList<IResourceBuilder<LocalRabbitMQServerResource>>? MessagingCluster = null,
    IResourceBuilder<LocalPostgresStandbyResource>? DatabaseStandby = null);
