using Dapper;
using Jewelry.Data;
using Jewelry.MesApi.Production;
using Jewelry.Messaging;
using Jewelry.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jewelry.Tests.Orders;

/// <summary>
/// Two MES processes price from one database: a backlog is drained by both together (rounds follow each other while
/// full batches are due), and every order is priced exactly once (<c>FOR UPDATE SKIP LOCKED</c>).
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class PricingWorkersTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private const int Backlog = 1_000;

    private NpgsqlDataSource _database = null!;

    public async ValueTask InitializeAsync() => _database = await ScratchDatabase.CreateAsync(
        fixture.App, "pricing", MessagingTables.Migrations, DatabaseMigrationOptions.ServiceOwn(typeof(PriceCalculationWorker).Assembly));

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_workers_drain_a_backlog_together_and_price_each_order_once()
    {
        await using (var connection = await _database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO production_orders (order_id, source, status, subtotal, discount_percent, currency)
                SELECT gen_random_uuid(), 'shop', 'Submitted', 1000, 0, 'EUR' FROM generate_series(1, @Backlog);
                INSERT INTO price_calculations (order_id, due_at) SELECT order_id, now() FROM production_orders;
                """,
                new { Backlog });
        }

        // Each waits a minute after a round that found less than a batch: only draining rounds can finish in time.
        var options = Options.Create(new PriceCalculationOptions { PollInterval = TimeSpan.FromMinutes(1) });
        using var first = new PriceCalculationWorker(_database, new OutboxSignal(), options, NullLogger<PriceCalculationWorker>.Instance);
        using var second = new PriceCalculationWorker(_database, new OutboxSignal(), options, NullLogger<PriceCalculationWorker>.Instance);
        await Task.WhenAll(first.StartAsync(CancellationToken.None), second.StartAsync(CancellationToken.None));
        try
        {
            await Eventually.MatchesAsync(() => CountAsync("SELECT count(*) FROM price_calculations"), due => due == 0,
                "both workers draining the backlog", TimeSpan.FromSeconds(50));
        }
        finally
        {
            await Task.WhenAll(first.StopAsync(CancellationToken.None), second.StopAsync(CancellationToken.None));
        }

        Assert.Equal(Backlog, await CountAsync("SELECT count(*) FROM production_order_history WHERE status = 'PriceCalculated'"));
        Assert.Equal(Backlog, await CountAsync("SELECT count(DISTINCT order_id) FROM production_order_history WHERE status = 'PriceCalculated'"));
        Assert.Equal(Backlog, await CountAsync("SELECT count(*) FROM outbox_messages WHERE routing_key = 'order.price-calculated'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM production_orders WHERE price IS NULL OR status <> 'PriceCalculated'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
