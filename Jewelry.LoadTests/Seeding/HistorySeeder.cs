using System.Diagnostics;
using Jewelry.LoadTests.Systems;
using Npgsql;

namespace Jewelry.LoadTests.Seeding;

/// <summary>
/// Fills a system's databases with a year of history, straight in SQL (orders.sql, then each database's own script,
/// then messaging.sql): every order in all three services' databases under the same id, with its status history, the
/// CRM's customers, the Shop's uploaded models, and the messages retention still keeps. Then each database is vacuumed
/// and analysed, as a database that has been running for a year would be.
/// </summary>
public static class HistorySeeder
{
    /// <summary>Fills the databases of <paramref name="system"/> (all three at once) and returns how long it took.</summary>
    public static async Task<TimeSpan> SeedAsync(VariantSystem system, int orders, int customers, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(system.Databases.Select(database => SeedDatabaseAsync(database.Key, database.Value, orders, customers, cancellationToken)));
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task SeedDatabaseAsync(string database, string connectionString, int orders, int customers, CancellationToken cancellationToken)
    {
        // Pooling off: these connections are not the services' and should not stay open after the seed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0, ApplicationName = "load-test seeder" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var script in new[] { "orders.sql", $"{database}.sql", "messaging.sql" })
            {
                await using var command = new NpgsqlCommand(ReadScript(script), connection, transaction);
                command.Parameters.AddWithValue("orders", orders);
                command.Parameters.AddWithValue("customers", customers);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(HistorySeeder).Assembly.GetManifestResourceStream($"{typeof(HistorySeeder).Namespace}.{name}")
                           ?? throw new InvalidOperationException($"The seed script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
