using Npgsql;
using RabbitMQ.Client;

namespace Jewelry.LoadTests.Measurement;

/// <summary>
/// Reads what grows or runs out while a system is loaded for long, from the outside: PostgreSQL connections per
/// database and state, the outbox backlog and its age, MES's due price calculations and how late the oldest is,
/// the rows of every table, and the depth of every order queue. What the services say about themselves is not
/// trusted here: a service that is collapsing may not say anything.
/// </summary>
public sealed class SystemStateProbe : IAsyncDisposable
{
    private static readonly string[] Queues = ["shop.orders", "crm.orders", "mes.orders"];

    private readonly IReadOnlyDictionary<string, string> _databases;
    private readonly string _server;
    private readonly ConnectionFactory _broker;
    private IConnection? _brokerConnection;

    /// <param name="databases">Each database's name in the report (shop, crm, mes) and its connection string.</param>
    /// <param name="broker">The system's RabbitMQ node (an <c>amqp://</c> URI).</param>
    public SystemStateProbe(IReadOnlyDictionary<string, string> databases, string broker)
    {
        _databases = databases;
        // pg_stat_activity is read on the server's own database, whatever system the probe belongs to.
        _server = new NpgsqlConnectionStringBuilder(databases.Values.First()) { Database = "postgres", Pooling = false }.ConnectionString;
        _broker = new ConnectionFactory { Uri = new Uri(broker), ClientProvidedName = "load-test probe" };
    }

    public async Task<SystemState> ReadAsync(CancellationToken cancellationToken)
    {
        var databases = new Dictionary<string, DatabaseState>();
        foreach (var (name, connectionString) in _databases)
        {
            databases[name] = await ReadDatabaseAsync(connectionString, cancellationToken);
        }

        return new SystemState(databases, await ReadQueuesAsync(cancellationToken));
    }

    private async Task<DatabaseState> ReadDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using var connection = await OpenAsync(connectionString, cancellationToken);

        var connections = new Dictionary<string, int>();
        await using (var server = new NpgsqlConnection(_server))
        {
            await server.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(state, 'starting'), count(*)::int FROM pg_stat_activity WHERE datname = @database AND application_name <> 'load-test probe' GROUP BY 1",
                server);
            command.Parameters.AddWithValue("database", builder.Database!);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                connections[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var rows = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand("SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname NOT LIKE 'changelog%'", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var (outboxPending, outboxOldestSeconds) = await BacklogAsync(connection,
            "SELECT count(*), extract(epoch FROM now() - min(created_at)) FROM outbox_messages WHERE published_at IS NULL", cancellationToken);
        var (pricingDue, pricingLateSeconds) = rows.ContainsKey("price_calculations")
            ? await BacklogAsync(connection, "SELECT count(*), extract(epoch FROM now() - min(due_at)) FROM price_calculations WHERE due_at <= now()", cancellationToken)
            : (0, 0);

        return new DatabaseState(connections, rows, outboxPending, outboxOldestSeconds, pricingDue, pricingLateSeconds);
    }

    /// <summary>
    /// Work the system still has to do for requests already answered: price calculations not yet done (MES prices an
    /// order a while after it arrives), outbox messages not yet published and order messages queued.
    /// </summary>
    public async Task<long> ReadLeftoverWorkAsync(CancellationToken cancellationToken)
    {
        var leftover = 0L;
        foreach (var connectionString in _databases.Values)
        {
            await using var connection = await OpenAsync(connectionString, cancellationToken);
            leftover += await CountAsync(connection, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", cancellationToken);
            if (await CountAsync(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'price_calculations'", cancellationToken) > 0)
            {
                leftover += await CountAsync(connection, "SELECT count(*) FROM price_calculations", cancellationToken);
            }
        }

        var queues = await ReadQueuesAsync(cancellationToken);
        return leftover + Queues.Sum(queue => queues[queue]);
    }

    /// <summary>A connection of its own, outside any pool, named so that the probe does not count itself.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "load-test probe" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<(long Count, double OldestSeconds)> BacklogAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? 0 : (double)reader.GetDecimal(1));
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadQueuesAsync(CancellationToken cancellationToken)
    {
        if (_brokerConnection is not { IsOpen: true })
        {
            _brokerConnection?.Dispose();
            _brokerConnection = await _broker.CreateConnectionAsync(cancellationToken);
        }

        var depths = new Dictionary<string, long>();
        foreach (var queue in Queues.SelectMany(queue => new[] { queue, queue + ".dead-letter" }))
        {
            // A passive declare of a missing queue closes the channel: one channel per queue.
            await using var channel = await _brokerConnection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                depths[queue] = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                depths[queue] = 0;
            }
        }

        return depths;
    }

    public async ValueTask DisposeAsync()
    {
        if (_brokerConnection is not null)
        {
            await _brokerConnection.DisposeAsync();
        }
    }
}

/// <summary>One system's state at one moment; see <see cref="SystemStateProbe"/>.</summary>
public sealed record SystemState(IReadOnlyDictionary<string, DatabaseState> Databases, IReadOnlyDictionary<string, long> QueueDepths)
{
    public int Connections => Databases.Values.Sum(database => database.Connections.Values.Sum());

    public int ConnectionsActive => Databases.Values.Sum(database => database.Connections.Where(entry => entry.Key != "idle").Sum(entry => entry.Value));

    public long OutboxPending => Databases.Values.Sum(database => database.OutboxPending);

    public double OutboxOldestSeconds => Databases.Values.Max(database => database.OutboxOldestSeconds);

    public long PricingDue => Databases.Values.Sum(database => database.PricingDue);

    public double PricingLateSeconds => Databases.Values.Max(database => database.PricingLateSeconds);

    public long QueuedMessages => QueueDepths.Where(entry => !entry.Key.EndsWith(".dead-letter", StringComparison.Ordinal)).Sum(entry => entry.Value);

    public long DeadLetters => QueueDepths.Where(entry => entry.Key.EndsWith(".dead-letter", StringComparison.Ordinal)).Sum(entry => entry.Value);

    public long Rows(string table) => Databases.Values.Sum(database => database.Rows.GetValueOrDefault(table));
}

/// <summary>
/// One database: its connections by state (<c>active</c>, <c>idle</c>, <c>idle in transaction</c>), live rows per table,
/// the outbox backlog and the age of its oldest message, and (MES) the price calculations due and how late the oldest is.
/// </summary>
public sealed record DatabaseState(
    IReadOnlyDictionary<string, int> Connections,
    IReadOnlyDictionary<string, long> Rows,
    long OutboxPending,
    double OutboxOldestSeconds,
    long PricingDue,
    double PricingLateSeconds);
