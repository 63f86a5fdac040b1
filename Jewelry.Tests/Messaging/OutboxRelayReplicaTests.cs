using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Jewelry.AppHost;
using Jewelry.Messaging;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RabbitMQ.Client;

namespace Jewelry.Tests.Messaging;

/// <summary>
/// Two instances' relays on one outbox, one of them cut off from the broker: it says so in the trace of each message
/// waiting, but not in the trace of a message the other relay has locked and is publishing meanwhile (that trace
/// would read as a failed attempt after, or beside, the publish that succeeded).
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class OutboxRelayReplicaTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;

    public async ValueTask InitializeAsync() =>
        _database = await ScratchDatabase.CreateAsync(fixture.App, "outbox", MessagingTables.Migrations);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_relay_without_the_broker_claims_no_attempt_on_a_message_another_relay_is_publishing()
    {
        var beingPublished = new TestTrace();
        var waiting = new TestTrace();
        await using (var connection = await _database.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO outbox_messages (message_id, routing_key, payload, traceparent) VALUES (@MessageId, 'order.submitted', '{}', @TraceParent)",
                new[] { beingPublished, waiting }.Select(trace => new { MessageId = Guid.CreateVersion7(), trace.TraceParent }));
        }

        // The other instance's relay holds the older row while it publishes.
        await using var other = await _database.OpenConnectionAsync();
        await using var publishing = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT id FROM outbox_messages ORDER BY id LIMIT 1 FOR UPDATE", transaction: publishing);

        // This instance's connection to the broker is gone.
        await using var broker = await BrokerClient.OpenConnectionAsync(fixture.App);
        await broker.CloseAsync();

        var ours = new[] { beingPublished.TraceId, waiting.TraceId };
        var attempts = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (ours.Contains(activity.TraceId.ToHexString()))
                {
                    attempts.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var relay = new OutboxRelay(_database, broker, new OutboxSignal(), NullLogger<OutboxRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.MatchesAsync(() => Task.FromResult(attempts.Count), count => count > 0,
                "the relay recording that the broker cannot be reached", TimeSpan.FromSeconds(15));
        }
        finally
        {
            // Stopped, so that the round that recorded it has ended and every span it made is counted.
            await relay.StopAsync(CancellationToken.None);
        }

        var attempt = Assert.Single(attempts);
        Assert.Equal(waiting.TraceId, attempt.TraceId.ToHexString());
        Assert.Equal("outbox relay order.submitted", attempt.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        Assert.Equal(typeof(RabbitMQ.Client.Exceptions.AlreadyClosedException).FullName, attempt.GetTagItem("error.type"));
    }
}
