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
        var startScript = Path.Combine(builder.AppHostDirectory, "LocalProcesses", "start-postgres.sh");

        var connectionString = builder.CaptureConnectionString(server);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString.Value ?? throw new InvalidOperationException("The connection string is not available yet."),
            name: healthCheckKey,
            // Without a database, Npgsql connects to one named after the user, which is what we want here.
            configure: connection => connection.ConnectionString += ";Database=postgres");

        return builder.AddResource(server)
            .WithArgs(startScript)
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("PG_BIN_DIR", LocalBinaries.PostgresBinDirectory ?? "")
            .WithEnvironment("PGDATA", Path.Combine(runDirectory, "postgres"))
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithEnvironment(context => context.EnvironmentVariables["POSTGRES_DATABASES"] =
                string.Join(' ', server.Databases.Select(database => database.DatabaseName)))
            // Room for every database's service to fill its connection pool at once, and a few more for tools.
            .WithEnvironment(context => context.EnvironmentVariables["PG_MAX_CONNECTIONS"] =
                (server.Databases.Count * NpgsqlDefaultMaxPoolSize + SpareConnections).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey)
            .OnResourceReady((_, @event, _) => PublishDatabaseStates(@event.Services, server, KnownResourceStates.Running))
            .OnResourceStopped((_, @event, _) => PublishDatabaseStates(@event.Services, server, KnownResourceStates.Finished));
    }

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
