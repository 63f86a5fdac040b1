using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.LocalProcesses;
using Jewelry.AppHost.Telemetry;

namespace Jewelry.AppHost;

/// <summary>The three services of one Jewelry system.</summary>
public sealed record JewelryServices(
    IResourceBuilder<ProjectResource> Shop,
    IResourceBuilder<ProjectResource> Crm,
    IResourceBuilder<ProjectResource> Mes)
{
    public IEnumerable<IResourceBuilder<ProjectResource>> All => [Shop, Crm, Mes];
}

public static class JewelryServicesBuilderExtensions
{
    /// <summary>
    /// Adds Shop, CRM and MES on <paramref name="infrastructure"/>, each with its database, the broker, the shared
    /// keys, its trace export (collector or dashboard) and fault injection configured from here. A
    /// <paramref name="nameSuffix"/> adds a second system beside the first (the load benchmark runs three); the
    /// services still find their databases, broker and each other under the usual names.
    /// </summary>
    public static JewelryServices AddJewelryServices(
        this IDistributedApplicationBuilder builder, JewelryInfrastructure infrastructure, string nameSuffix = "")
    {
        var keys = builder.GetOrAddServiceKeys();
        var exportRetryDirectory = builder.CreateExportRetryDirectory();
        var replicas = ServiceReplicas.From(builder.Configuration);

        IResourceBuilder<ProjectResource> AddService<TProject>(string name, IResourceBuilder<IResourceWithConnectionString> database, string databaseName)
            where TProject : IProjectMetadata, new() =>
            builder.AddProject<TProject>(name + nameSuffix)
                .WithBuiltProgram()
                .WithReference(database, databaseName).WaitFor(database)
                .WithDatabaseStandby(infrastructure.DatabaseStandby)
                // Not waiting for the broker: a service starts while RabbitMQ boots, connects once it answers, and is
                // healthy only then (its health check includes the broker), so F5 does not pay for the two one after the other.
                .WithReference(infrastructure.Messaging, ResourceNames.Messaging)
                .WithMessagingCluster(infrastructure.MessagingCluster)
                .WithServiceKeys(keys)
                .WithTraceExport(infrastructure.Collector)
                .WithExportRetryOnDisk(exportRetryDirectory)
                .WithFaultInjection(builder.Configuration)
                .WithHttpHealthCheck("/health");

        var crm = AddService<Projects.Jewelry_CrmApi>(ResourceNames.CrmApi, infrastructure.CrmDatabase, ResourceNames.CrmDatabase);

        var shop = AddService<Projects.Jewelry_ShopApi>(ResourceNames.ShopApi, infrastructure.ShopDatabase, ResourceNames.ShopDatabase)
            .WithReference(crm, ResourceNames.CrmApi)
            // Customers' 3D models, one directory per system (the load benchmark runs three).
            .WithEnvironment("ModelStorage__Path", ModelStoragePath(name: ResourceNames.ShopApi + nameSuffix));

        var mes = AddService<Projects.Jewelry_MesApi>(ResourceNames.MesApi, infrastructure.MesDatabase, ResourceNames.MesDatabase)
            // Operators download the customers' models from the Shop through MES.
            .WithReference(shop, ResourceNames.ShopApi)
            // Pricing is minutes of work in real life; a stand-in duration keeps it visibly asynchronous (tests shorten it).
            .WithEnvironment("PriceCalculation__Duration", builder.Configuration["Mes:PriceCalculationDuration"] ?? "00:00:20");

        var services = new JewelryServices(shop, crm, mes);
        if (replicas > 1)
        {
            foreach (var service in services.All)
            {
                service.WithReplicas(replicas);
            }
        }

        return services;
    }

    /// <summary>Outside the repository and the build output, so models survive a clean and a restart.</summary>
    private static string ModelStoragePath(string name) => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "jewelry", "models", name);
}
