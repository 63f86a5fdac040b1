using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.LocalProcesses;
using Jewelry.LoadTests.Receiver;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jewelry.LoadTests.Systems;

/// <summary>
/// The real application, started once through the AppHost in LocalProcesses mode (the build configuration of this
/// program, so Release builds under <c>dotnet run -c Release</c>), with one whole Jewelry system per
/// <see cref="TelemetryVariant"/>: its own three services, databases (on the one PostgreSQL server) and RabbitMQ
/// node. Every service exports to the counting relay: a sink, or a relay to the Aspire dashboard.
/// </summary>
public sealed class SystemsUnderTest : IAsyncDisposable
{
    private const string DashboardResourceName = "aspire-dashboard";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly DistributedApplication _app;

    private SystemsUnderTest(DistributedApplication app, IReadOnlyList<VariantSystem> systems, Uri dashboard)
    {
        _app = app;
        Systems = systems;
        Dashboard = dashboard;
    }

    public IReadOnlyList<VariantSystem> Systems { get; }

    /// <summary>The dashboard's login URL, to watch the run.</summary>
    public Uri Dashboard { get; }

    public static async Task<SystemsUnderTest> StartAsync(
        IReadOnlyList<TelemetryVariant> variants, ReceiverProcess relay, ExportProtocol protocol, IReadOnlyDictionary<string, string> serviceEnvironment,
        string logDirectory, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Jewelry_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [
                $"{InfrastructureModeSelector.ConfigurationKey}={InfrastructureMode.LocalProcesses}",
                // Short enough that sellers find priced orders while the load runs.
                "Mes:PriceCalculationDuration=00:00:00.500",
                // CI runs the benchmark beside the tests' applications.
                .. DashboardKeys.Generate().AsArguments(),
            ],
            timeout.Token);
        // The resources' console output goes to a file each, not to this program's console.
        builder.Services.AddLogging(logging => logging
            .AddProvider(new ResourceLogFiles(logDirectory))
            .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(ResourceLogFiles.CategoryPrefix.TrimEnd('.'), LogLevel.None));

        var systems = new List<(TelemetryVariant Variant, JewelryServices Services)>();
        foreach (var variant in variants)
        {
            var services = variant == TelemetryVariant.Full ? FindAppHostServices(builder) : builder.AddVariantSystem(variant);
            foreach (var service in services.All)
            {
                service.AsVariant(variant, relay.EndpointFor(protocol), protocol, serviceEnvironment);
            }

            systems.Add((variant, services));
        }

        // Straight to the database and the brokers too: DCP's TCP proxy would carry every query and message.
        foreach (var server in builder.Resources.Where(resource => resource is LocalPostgresServerResource or LocalRabbitMQServerResource))
        {
            foreach (var endpoint in server.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.IsProxied = false;
            }
        }

        if (!variants.Contains(TelemetryVariant.Full))
        {
            // The AppHost's own system is the full variant; unused, it is left out of the run.
            foreach (var service in FindAppHostServices(builder).All)
            {
                builder.Resources.Remove(service.Resource);
            }
        }

        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        // Where the proxy listens on IPv4 only, "localhost" may be tried as ::1 first and refused.
        if (relay.Kind == TelemetryReceiver.Dashboard)
        {
            await relay.ForwardToAsync(
                new UriBuilder(app.GetEndpoint(DashboardResourceName, "otlp-http")) { Host = "127.0.0.1" }.Uri,
                new UriBuilder(app.GetEndpoint(DashboardResourceName, "otlp-grpc")) { Host = "127.0.0.1" }.Uri,
                timeout.Token);
        }
        foreach (var service in systems.SelectMany(system => system.Services.All))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service.Resource.Name, timeout.Token);
        }

        var dashboard = await app.GetDashboardUrlAsync(timeout.Token);

        var variantSystems = new List<VariantSystem>();
        foreach (var (variant, services) in systems)
        {
            var suffix = variant.ResourceSuffix();
            async Task<string> ConnectionString(string resource) =>
                await app.GetConnectionStringAsync(resource + suffix, timeout.Token) ?? throw new InvalidOperationException($"{resource + suffix} has no connection string.");
            variantSystems.Add(new VariantSystem(
                variant, Endpoint(app, services.Shop), Endpoint(app, services.Crm), Endpoint(app, services.Mes),
                new Dictionary<string, string>
                {
                    ["shop"] = await ConnectionString(ResourceNames.ShopDatabase),
                    ["crm"] = await ConnectionString(ResourceNames.CrmDatabase),
                    ["mes"] = await ConnectionString(ResourceNames.MesDatabase),
                },
                await ConnectionString(ResourceNames.Messaging)));
        }

        return new SystemsUnderTest(app, variantSystems, dashboard);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static ServiceEndpoint Endpoint(DistributedApplication app, IResourceBuilder<ProjectResource> service) =>
        new(service.Resource.Name, app.GetEndpoint(service.Resource.Name, "http"));

    private static JewelryServices FindAppHostServices(IDistributedApplicationTestingBuilder builder)
    {
        IResourceBuilder<ProjectResource> Find(string name) =>
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == name));
        return new JewelryServices(Find(ResourceNames.ShopApi), Find(ResourceNames.CrmApi), Find(ResourceNames.MesApi));
    }
}

/// <summary>One service of a variant: its resource (and <c>service.name</c>) and where it answers.</summary>
public sealed record ServiceEndpoint(string Name, Uri Address);

/// <summary>The three services of one variant, and the connection strings of its databases (shop, crm, mes) and broker.</summary>
public sealed record VariantSystem(
    TelemetryVariant Variant, ServiceEndpoint Shop, ServiceEndpoint Crm, ServiceEndpoint Mes,
    IReadOnlyDictionary<string, string> Databases, string Broker)
{
    public IReadOnlyList<ServiceEndpoint> Services => [Shop, Crm, Mes];

    /// <summary>The names of the services among <paramref name="systems"/> that export telemetry: those a receiver waits for.</summary>
    public static IReadOnlyList<string> ServicesExportingTelemetry(IEnumerable<VariantSystem> systems) =>
        [.. systems.Where(system => system.Variant.ExportsTelemetry()).SelectMany(system => system.Services.Select(service => service.Name))];
}

internal static class VariantSystemBuilderExtensions
{
    /// <summary>A second (third) Jewelry system beside the AppHost's: its databases on the same server, its own broker.</summary>
    public static JewelryServices AddVariantSystem(this IDistributedApplicationTestingBuilder builder, TelemetryVariant variant)
    {
        var suffix = variant.ResourceSuffix();
        var postgres = builder.CreateResourceBuilder(builder.Resources.OfType<LocalPostgresServerResource>().Single());
        var runDirectory = postgres.Resource.WorkingDirectory;
        var infrastructure = new JewelryInfrastructure(
            postgres.AddLocalDatabase(ResourceNames.ShopDatabase + suffix),
            postgres.AddLocalDatabase(ResourceNames.CrmDatabase + suffix),
            postgres.AddLocalDatabase(ResourceNames.MesDatabase + suffix),
            // The node name comes from the directory's name: unique to this run and variant.
            builder.AddLocalRabbitMQ(ResourceNames.Messaging + suffix, Path.Combine(runDirectory, Path.GetFileName(runDirectory) + suffix)),
            Collector: null);
        return builder.AddJewelryServices(infrastructure, suffix);
    }

    public static void AsVariant(
        this IResourceBuilder<ProjectResource> service, TelemetryVariant variant, Uri relay, ExportProtocol protocol, IReadOnlyDictionary<string, string> serviceEnvironment)
    {
        // Straight to the service, as in production: DCP's proxy would be part of every measured request.
        service.WithEndpoint("http", endpoint =>
        {
            endpoint.IsProxied = false;
            endpoint.Port = null;
        });

        service.WithEnvironment(context =>
        {
            // Added after Aspire's own OTLP settings, so these win: the dashboard, through the counting relay.
            context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = relay.ToString();
            context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol.Name();
            foreach (var (name, value) in variant.ServiceEnvironment().Concat(serviceEnvironment))
            {
                context.EnvironmentVariables[name] = value;
            }
        });
    }
}
