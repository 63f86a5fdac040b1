using EvolveDb;
using EvolveDb.Dialect;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Jewelry.Data;

/// <summary>
/// Applies the service's pending migrations with Evolve before the service takes requests. Evolve's cluster
/// mode holds a PostgreSQL advisory lock while it migrates, so instances that start together apply each
/// script exactly once. The first connection is tried again while the database cannot take it (the same test as
/// a request's 503): the AppHost waited for the database, so it is up, but a machine busy starting every service at
/// once can answer slower than the connect timeout, a standby may not be promoted yet, and a failed start would cost
/// the whole service.
/// </summary>
internal sealed partial class DatabaseMigrator(
    NpgsqlDataSource dataSource,
    IEnumerable<DatabaseMigrationOptions> migrations,
    ILogger<DatabaseMigrator> logger) : IHostedService
{
    private static readonly TimeSpan FirstConnectionDeadline = TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var firstConnection = new ResiliencePipelineBuilder()
            .AddTimeout(FirstConnectionDeadline)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseErrors.IsUnavailable),
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromSeconds(1),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = retry =>
                {
                    LogRetrying(logger, retry.Outcome.Exception, retry.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        await using var connection = await firstConnection.ExecuteAsync(
            async token => await dataSource.OpenConnectionAsync(token), cancellationToken);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database could not take a connection before migrating (attempt {Attempt}); trying again")]
    private static partial void LogRetrying(ILogger logger, Exception? exception, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evolve: {EvolveMessage}")]
    private static partial void LogEvolve(ILogger logger, string evolveMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {MigrationCount} migration(s) of {HistoryTable} to database {Database}")]
    private static partial void LogMigrated(ILogger logger, int migrationCount, string historyTable, string database);
}
