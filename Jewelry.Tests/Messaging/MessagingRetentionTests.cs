using Dapper;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using Npgsql;

namespace Jewelry.Tests.Messaging;

/// <summary>
/// The outbox and inbox keep handled messages only for the retention window (7 days by default; the test application
/// looks every second): what is older is deleted in traced rounds, and a message redelivered within the window is
/// still recognised as a duplicate.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class MessagingRetentionTests(JewelryAppFixture fixture) : IAsyncLifetime
{
    private readonly OrderScenario _scenario = new(fixture);
    private BrokerClient _broker = null!;
    private NpgsqlDataSource _mesDatabase = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await BrokerClient.ConnectAsync(fixture.App);
        _mesDatabase = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync(ResourceNames.MesDatabase))!);
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        await _mesDatabase.DisposeAsync();
    }

    [Fact]
    public async Task Messages_past_the_window_are_deleted_in_a_traced_round_and_a_redelivery_within_it_is_still_a_duplicate()
    {
        var testStarted = DateTimeOffset.UtcNow;
        var (recentOrder, recentMessage) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (oldOrder, oldMessage) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await _broker.PublishAsync("order.submitted", recentMessage, OrderScenario.OrderSubmittedMessage(recentMessage, recentOrder));
        await _broker.PublishAsync("order.submitted", oldMessage, OrderScenario.OrderSubmittedMessage(oldMessage, oldOrder));
        await _scenario.WaitForProductionOrderAsync(recentOrder);
        await _scenario.WaitForProductionOrderAsync(oldOrder);

        // MES priced the old order and published order.price-calculated; both its rows are then made 8 days old.
        await Eventually.MatchesAsync(() => PublishedOutboxRowsOfAsync(oldOrder), rows => rows > 0, $"MES publishing the price of {oldOrder}");
        await using (var connection = await _mesDatabase.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                UPDATE inbox_messages SET processed_at = now() - interval '8 days' WHERE message_id = @oldMessage;
                UPDATE outbox_messages SET created_at = now() - interval '8 days', published_at = now() - interval '8 days'
                 WHERE payload->>'orderId' = @order AND published_at IS NOT NULL;
                """,
                new { oldMessage, order = oldOrder.ToString() });
        }

        await Eventually.MatchesAsync(() => InboxRowsOfAsync(oldMessage), rows => rows == 0, "the old inbox row being deleted");
        await Eventually.MatchesAsync(() => PublishedOutboxRowsOfAsync(oldOrder), rows => rows == 0, "the old outbox rows being deleted");
        Assert.Equal(1, await InboxRowsOfAsync(recentMessage));
        Assert.True(await PublishedOutboxRowsOfAsync(recentOrder) > 0, "The recent order's published outbox rows must stay.");

        // Within the window the inbox still knows the message: redelivered, it changes nothing.
        var redelivery = new TestTrace();
        await _broker.PublishAsync("order.submitted", recentMessage, OrderScenario.OrderSubmittedMessage(recentMessage, recentOrder), redelivery.TraceParent);
        var spans = await fixture.Telemetry.WaitForTraceAsync(redelivery.TraceId, spans => spans.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)));
        Assert.Equal("True", spans.Single(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)).Attribute("jewelry.messaging.duplicate"), ignoreCase: true);

        // The round that deleted them is a span of MES, with what it removed and the window it applied.
        var round = await Eventually.MatchesAsync(
            async () => (await fixture.Telemetry.GetServiceSpansAsync(ResourceNames.MesApi, testStarted))
                .FirstOrDefault(span => span.Name == "messaging retention" && span.Attribute("jewelry.retention.inbox_deleted") != "0"),
            span => span is not null, "a retention span of MES that deleted inbox rows");
        Assert.Equal("1", round!.Attribute("jewelry.retention.inbox_deleted"));
        Assert.True(int.Parse(round.Attribute("jewelry.retention.outbox_deleted")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(TimeSpan.FromDays(7).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), round.Attribute("jewelry.retention.window_seconds"));
    }

    private async Task<long> InboxRowsOfAsync(Guid messageId)
    {
        await using var connection = await _mesDatabase.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId });
    }

    private async Task<long> PublishedOutboxRowsOfAsync(Guid orderId)
    {
        await using var connection = await _mesDatabase.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE payload->>'orderId' = @order AND published_at IS NOT NULL", new { order = orderId.ToString() });
    }
}
