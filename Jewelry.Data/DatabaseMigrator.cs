using EvolveDb;
using EvolveDb.Dialect;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jewelry.Data;

/// <summary>
/// Applies the service's pending migrations with Evolve before the service takes requests. Evolve's cluster
/// mode holds a PostgreSQL advisory lock while it migrates, so instances that start together apply each
/// script exactly once.
/// </summary>
internal sealed partial class DatabaseMigrator(
    NpgsqlDataSource dataSource,
    IEnumerable<DatabaseMigrationOptions> migrations,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        foreach (var options in migrations)
        {
            var evolve = new Evolve(connection, message => LogEvolve(logger, message), DBMS.PostgreSQL)
            {
                EmbeddedResourceAssemblies = [options.MigrationsAssembly],
                EmbeddedResourceFilters = [options.ResourcePrefix],
                MetadataTableName = options.HistoryTable,
                EnableClusterMode = true,
                IsEraseDisabled = true,
            };

            // Evolve is synchronous; run it off the start-up thread so cancellation of the host still works.
            await Task.Run(evolve.Migrate, cancellationToken);

            LogMigrated(logger, evolve.NbMigration, options.HistoryTable, connection.Database);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evolve: {EvolveMessage}")]
    private static partial void LogEvolve(ILogger logger, string evolveMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {MigrationCount} migration(s) of {HistoryTable} to database {Database}")]
    private static partial void LogMigrated(ILogger logger, int migrationCount, string historyTable, string database);
}
