using Dapper;
using Jewelry.AppHost;
using Jewelry.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// A database of its own on the application's PostgreSQL server, migrated with the given scripts: for tests that fill
/// tables with what no running service may see (a backlog, a thousand due calculations).
/// </summary>
public static class ScratchDatabase
{
    public static async Task<NpgsqlDataSource> CreateAsync(DistributedApplication app, string prefix, params DatabaseMigrationOptions[] migrations)
    {
        var server = await app.GetConnectionStringAsync(ResourceNames.Postgres);
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var database = NpgsqlDataSource.Create($"{server};Database={name}");
        await new DatabaseMigrator(database, migrations, NullLogger<DatabaseMigrator>.Instance).StartAsync(CancellationToken.None);
        return database;
    }
}
