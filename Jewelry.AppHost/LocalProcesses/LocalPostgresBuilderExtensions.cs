using Microsoft.Extensions.DependencyInjection;

namespace Jewelry.AppHost.LocalProcesses;

public static class LocalPostgresBuilderExtensions
{
    // Npgsql's default "Max Pool Size": each service has one pool per database.
    private const int NpgsqlDefaultMaxPoolSize = 100;
    private const int SpareConnections = 20;

    /// <summary>
    /// Adds a PostgreSQL server run from the local binaries, with its data under <paramref name="runDirectory"/>.
    /// Like Aspire's container resource it has a generated password and a health check that really connects.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string runDirectory)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var server = new LocalPostgresServerResource(name, runDirectory, password);

        return builder.AddResource(server)
            .WithPostgresProcess(server.DataDirectory, MaxConnectionsOf(server))
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithEnvironment("PG_TEMPLATE_ROOT", server.TemplateRoot)
            .WithEnvironment(context => context.EnvironmentVariables["POSTGRES_DATABASES"] =
                string.Join(' ', server.Databases.Select(database => database.DatabaseName)))
            .WithIconName("DatabaseMultiple")
            .OnResourceReady((_, @event, _) => PublishDatabaseStates(@event.Services, server, KnownResourceStates.Running))
            .OnResourceStopped((_, @event, _) => PublishDatabaseStates(@event.Services, server, KnownResourceStates.Finished));
    }

    /// <summary>
    /// Adds a synchronous streaming standby of <paramref name="primary"/>: a base backup of it taken once it accepts
    /// connections (through its Unix socket), then a hot standby on a port of its own. The primary waits for the
    /// standby before it answers a commit, so promoting the standby loses nothing acknowledged; the services connect
    /// to both hosts and use the one that is the primary. Neither server is behind Aspire's proxy, which would accept
    /// connections for a stopped server and keep clients from moving on to the other.
    /// </summary>
    public static IResourceBuilder<LocalPostgresStandbyResource> AddLocalStandby(
        this IResourceBuilder<LocalPostgresServerResource> primary, string name, string runDirectory)
    {
        var standby = new LocalPostgresStandbyResource(name, runDirectory, primary.Resource);
        primary.Resource.Standby = standby;
        primary.WithEndpoint(LocalPostgresServerResource.PrimaryEndpointName, endpoint => endpoint.IsProxied = false)
            .WithEnvironment("PG_SYNCHRONOUS_STANDBY_NAMES", "*");

        return primary.ApplicationBuilder.AddResource(standby)
            // A hot standby refuses to start with fewer connections than its primary allows.
            .WithPostgresProcess(standby.DataDirectory, MaxConnectionsOf(primary.Resource), isProxied: false)
            .WithEnvironment("PG_PRIMARY_SOCKET_DIR", primary.Resource.DataDirectory)
            .WithEnvironment("PG_PRIMARY_PORT", primary.Resource.PrimaryEndpoint.Property(EndpointProperty.Port))
            .WithIconName("DatabaseArrowRight")
            .WithParentRelationship(primary)
            .WithPromoteCommand();
    }

    /// <summary>The start script, its data directory, an endpoint and a health check that connects, for a primary or a standby.</summary>
    private static IResourceBuilder<TServer> WithPostgresProcess<TServer>(
        this IResourceBuilder<TServer> server, string dataDirectory, Func<int> maxConnections, bool isProxied = true)
        where TServer : ExecutableResource, IResourceWithConnectionString
    {
        var builder = server.ApplicationBuilder;
        var connectionString = builder.CaptureConnectionString(server.Resource);
        var healthCheckKey = $"{server.Resource.Name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString.Value ?? throw new InvalidOperationException("The connection string is not available yet."),
            name: healthCheckKey,
            // Without a database, Npgsql connects to one named after the user, which is what we want here.
            configure: connection => connection.ConnectionString += ";Database=postgres");
        builder.Services.PollHealthCheck(healthCheckKey);

        return server
            .WithArgs(Path.Combine(builder.AppHostDirectory, "LocalProcesses", "start-postgres.sh"))
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT", isProxied: isProxied)
            .WithEnvironment("PG_BIN_DIR", LocalBinaries.PostgresBinDirectory ?? "")
            .WithEnvironment("PGDATA", dataDirectory)
            .WithEnvironment(context => context.EnvironmentVariables["PG_MAX_CONNECTIONS"] =
                maxConnections().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHealthCheck(healthCheckKey);
    }

    // Room for every database's service to fill its connection pool at once, and a few more for tools.
    private static Func<int> MaxConnectionsOf(LocalPostgresServerResource server) =>
        () => server.Databases.Count * NpgsqlDefaultMaxPoolSize + SpareConnections;

    // Aspire gives the databases of a container their parent's state, but not those of an executable.
    // The databases exist before the server accepts connections, so they run exactly when it is ready.
    private static async Task PublishDatabaseStates(IServiceProvider services, LocalPostgresServerResource server, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var now = DateTime.UtcNow;
        foreach (var database in server.Databases)
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? now : snapshot.StartTimeStamp,
                StopTimeStamp = state == KnownResourceStates.Running ? null : now,
            });
        }
    }

    /// <summary>Adds a database that the server creates before it accepts its first connection.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.AddDatabase(database);

        var connectionString = server.ApplicationBuilder.CaptureConnectionString(database);
        var healthCheckKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString.Value ?? throw new InvalidOperationException("The connection string is not available yet."),
            name: healthCheckKey);

        return server.ApplicationBuilder.AddResource(database)
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey);
    }
}
