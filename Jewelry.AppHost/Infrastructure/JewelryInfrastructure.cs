namespace Jewelry.AppHost.Infrastructure;

/// <summary>
/// The databases and the broker the services reference. Each has the same resource name in every mode
/// (shopdb, crmdb, mesdb, messaging), so a service's connection-string names never change. The collector exists
/// in Containers mode only; without it the services export straight to the dashboard.
/// </summary>
public sealed record JewelryInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> ShopDatabase,
    IResourceBuilder<IResourceWithConnectionString> CrmDatabase,
    IResourceBuilder<IResourceWithConnectionString> MesDatabase,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<ContainerResource>? Collector);
