using Dapper;
using Jewelry.AppHost;
using Jewelry.Data;
using Jewelry.Messaging;
using Jewelry.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jewelry.Tests.Data;

/// <summary>
/// Several instances of a service starting at once apply each migration exactly once, and a database that answers
/// late delays a service's start instead of ending it.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class DatabaseMigratorTests(JewelryAppFixture fixture)
{
    [Fact]
    public async Task Instances_migrating_the_same_database_at_once_apply_each_script_once()
    {
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        var databaseName = $"migrations_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {databaseName}");
        }

        await using var database = NpgsqlDataSource.Create($"{server};Database={databaseName}");
        DatabaseMigrationOptions[] migrations =
        [
            MessagingTables.Migrations,
            DatabaseMigrationOptions.ServiceOwn(typeof(Jewelry.ShopApi.Catalog.CatalogItem).Assembly),
        ];

        var instances = Enumerable.Range(0, 4)
            .Select(_ => new DatabaseMigrator(database, migrations, NullLogger<DatabaseMigrator>.Instance).StartAsync(CancellationToken.None));
        await Task.WhenAll(instances);

        await using var connection = await database.OpenConnectionAsync();
        var applied = (await connection.QueryAsync<string>(
            "SELECT version FROM changelog WHERE name LIKE '%.sql' ORDER BY id")).ToList();
        // Each of the Shop's scripts once, in order: V1__..., V2__... as embedded in its assembly.
        var scripts = migrations[1].MigrationsAssembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(migrations[1].ResourcePrefix, StringComparison.Ordinal))
            .Select(name => name[(migrations[1].ResourcePrefix.Length + 1)..name.IndexOf("__", StringComparison.Ordinal)])
            .OrderBy(version => int.Parse(version, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(scripts, applied);
        Assert.Contains("5", applied);
        Assert.Equal(24, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM catalog_items"));
        var messagingScripts = MessagingTables.Migrations.MigrationsAssembly.GetManifestResourceNames().Count(name => name.EndsWith(".sql", StringComparison.Ordinal));
        Assert.Equal(2, messagingScripts);
        Assert.Equal(messagingScripts, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM changelog_messaging WHERE name LIKE '%.sql'"));
    }

    [Fact]
    public async Task A_database_that_answers_only_after_the_connect_timeout_is_migrated_once_it_answers()
    {
        var server = new NpgsqlConnectionStringBuilder(await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres));
        var databaseName = $"late_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {databaseName}");
        }

        await using var slowPrimary = new SlowToAnswerServer(server.Host!, server.Port);
        // As a service of the standby topology connects (primary and standby, Target Session Attributes=primary), here
        // with the standby down: Npgsql then wraps the timed-out connect in "Unable to connect to a suitable host",
        // which its own IsTransient does not call transient.
        var lateServer = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Host = $"127.0.0.1:{slowPrimary.Port},127.0.0.1:{LoopbackPort.Closed()}",
            Database = databaseName,
            Timeout = 1,
            TargetSessionAttributes = "primary",
            HostRecheckSeconds = 1,
        };
        await using var database = NpgsqlDataSource.Create(lateServer.ConnectionString);

        var migrating = new DatabaseMigrator(database, [MessagingTables.Migrations], NullLogger<DatabaseMigrator>.Instance)
            .StartAsync(TestContext.Current.CancellationToken);
        // Three connect timeouts: the migrator is still trying, not failed.
        await Task.WhenAny(migrating, Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken));
        Assert.False(migrating.IsCompleted, migrating.Exception?.ToString() ?? "The migration finished before the database answered.");

        slowPrimary.Answer();
        await migrating.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        await using var connection = new NpgsqlConnection($"{server};Database={databaseName}");
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM changelog_messaging WHERE name LIKE '%.sql'"));
    }
}
