using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using Jewelry.Data;
using Jewelry.MesApi;
using Jewelry.Messaging;
using Jewelry.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Jewelry.Tests.Messaging;

/// <summary>
/// The backlog gauges, read the way an OpenTelemetry metric reader reads them, from the real queries on a real
/// PostgreSQL database with MES's schema: what they say while a backlog exists, and after it drained.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class BacklogGaugeTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private const int MaxPartnerDeliveries = 2;

    private NpgsqlDataSource _database = null!;

    public async ValueTask InitializeAsync() => _database = await ScratchDatabase.CreateAsync(
        fixture.App, "gauges", MessagingTables.Migrations, DatabaseMigrationOptions.ServiceOwn(typeof(MesGauges).Assembly));

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_gauges_show_a_backlog_while_it_exists_and_zero_once_it_drained()
    {
        await using (var connection = await _database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO outbox_messages (message_id, routing_key, payload, created_at)
                SELECT gen_random_uuid(), 'order.submitted', '{}', now() - interval '90 seconds' FROM generate_series(1, 3);
                INSERT INTO outbox_messages (message_id, routing_key, payload, published_at) VALUES (gen_random_uuid(), 'order.submitted', '{}', now());
                INSERT INTO production_orders (order_id, source, status) SELECT gen_random_uuid(), 'shop', 'Submitted' FROM generate_series(1, 2);
                INSERT INTO price_calculations (order_id, due_at) SELECT order_id, now() - interval '30 seconds' FROM production_orders;
                INSERT INTO partner_notifications (order_id, callback_url, payload, attempts)
                SELECT order_id, 'https://partner.example/callback', '{}', attempts
                  FROM (SELECT order_id FROM production_orders LIMIT 1) o, (VALUES (0), (@MaxPartnerDeliveries)) a (attempts);
                """,
                new { MaxPartnerDeliveries });
        }

        string[] backlogGauges =
        [
            "jewelry.outbox.pending", "jewelry.outbox.oldest_pending.age", "jewelry.pricing.due", "jewelry.pricing.oldest_due.lateness",
            "jewelry.partner_callbacks.pending", "jewelry.partner_callbacks.failed",
        ];
        using var gauges = new GaugeReader(_database, [.. MessagingGauges.All, .. MesGauges.All(MaxPartnerDeliveries)]);
        // A sampling round sets the gauges one after another, and the backlog was there before the first: wait until
        // every gauge has been read once.
        var backlog = await gauges.WaitForAsync(values => backlogGauges.All(values.ContainsKey));
        Assert.Equal(3, backlog["jewelry.outbox.pending"]);
        Assert.Equal(2, backlog["jewelry.pricing.due"]);
        Assert.InRange(backlog["jewelry.outbox.oldest_pending.age"], 90, 600);
        Assert.InRange(backlog["jewelry.pricing.oldest_due.lateness"], 30, 600);
        Assert.Equal(1, backlog["jewelry.partner_callbacks.pending"]);
        Assert.Equal(1, backlog["jewelry.partner_callbacks.failed"]);

        await using (var connection = await _database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                UPDATE outbox_messages SET published_at = now() WHERE published_at IS NULL;
                DELETE FROM price_calculations;
                UPDATE partner_notifications SET delivered_at = now();
                """);
        }

        var drained = await gauges.WaitForAsync(values => backlogGauges.All(gauge => values.GetValueOrDefault(gauge, -1) == 0));
        Assert.All(backlogGauges, gauge => Assert.Equal(0, drained[gauge]));
        // The live-row statistics: four outbox rows, published now, and no inbox row.
        await Eventually.MatchesAsync(async () => (await gauges.ReadAsync()).GetValueOrDefault("jewelry.outbox.rows"), rows => rows == 4, "the outbox row statistics");
        Assert.Equal(0, drained["jewelry.inbox.rows"]);
    }

    /// <summary>Runs the gauges' sampler and reads their values as a metric reader collects observable instruments.</summary>
    private sealed class GaugeReader : IDisposable
    {
        private const string MeterName = "Jewelry.Tests.Gauges";

        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, double> _values = new();
        private readonly CancellationTokenSource _stop = new();

        public GaugeReader(NpgsqlDataSource database, IReadOnlyList<DatabaseGauge> gauges)
        {
            var sampler = new DatabaseGaugeSampler(MeterName, gauges, database, _services.GetRequiredService<IMeterFactory>(),
                TimeSpan.FromMilliseconds(200), NullLogger.Instance);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _values[instrument.Name] = value);
            _listener.Start();
            _ = sampler.StartAsync(_stop.Token);
        }

        public Task<Dictionary<string, double>> ReadAsync()
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return Task.FromResult(new Dictionary<string, double>(_values));
        }

        /// <summary>The values once <paramref name="condition"/> holds, or the last read after 15 s: the caller's assertions say what differs.</summary>
        public Task<Dictionary<string, double>> WaitForAsync(Func<Dictionary<string, double>, bool> condition) =>
            Eventually.LastAsync(ReadAsync, condition, TimeSpan.FromSeconds(15));

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Dispose();
            _services.Dispose();
            _stop.Dispose();
        }
    }
}
