using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Jewelry.AppHost;
using Jewelry.AppHost.LocalProcesses;
using Jewelry.Messaging;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using Npgsql;

namespace Jewelry.Tests.Scale;

/// <summary>
/// Three RabbitMQ nodes in one cluster, every queue a quorum queue with a member on each. The node that leads
/// the orders queues stops while customers order: no order is lost or doubled, publishing and consuming resume within
/// 10 s, and an order's trace shows the attempt that failed and the retry that published it.
/// </summary>
[Collection(ScaledOutJewelryApp.Name)]
public sealed class RabbitMQClusterTests(ScaledOutAppFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] OrderQueues = ["shop.orders", "crm.orders", "mes.orders"];
    private static readonly TimeSpan ResumeWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BetweenOrders = TimeSpan.FromMilliseconds(250);

    /// <summary>Longer than the client waits before it connects again (RabbitMQ.Client's network recovery interval, 5 s).</summary>
    private static readonly TimeSpan AfterTheStop = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task The_nodes_form_one_cluster_and_every_queue_has_a_member_on_every_node()
    {
        var nodes = RabbitMQControl.Nodes(fixture.App);
        Assert.Equal(ScaledOutAppFixture.Nodes, nodes.Count);
        var names = nodes.Select(node => node.NodeName).Order(StringComparer.Ordinal).ToList();

        foreach (var node in nodes)
        {
            var status = JsonDocument.Parse(await RabbitMQControl.RunAsync(node, "cluster_status", "--formatter", "json")).RootElement;
            Assert.Equal(names, status.GetProperty("running_nodes").EnumerateArray().Select(name => name.GetString()).Order(StringComparer.Ordinal));
        }

        // The order queues and the others (dead letters, unroutable messages): a queue on one node only could not
        // be declared while that node is down, and the clients' recovery would fail with it.
        var queues = await QueuesAsync(nodes[0]);
        Assert.Subset(queues.Select(queue => queue.Name).ToHashSet(), OrderQueues.Select(queue => $"{queue}.dead-letter").Concat(OrderQueues).ToHashSet());
        Assert.All(queues, queue =>
        {
            Assert.Equal("quorum", queue.Type);
            Assert.Equal(names, queue.Members.Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public async Task Orders_placed_while_the_leading_node_stops_are_each_delivered_once_and_resume_within_ten_seconds()
    {
        var scenario = new OrderScenario(fixture);
        using var shop = await scenario.ShopAsAsync(await scenario.RegisterCustomerAsync());
        var nodes = RabbitMQControl.Nodes(fixture.App);
        var queues = await QueuesAsync(nodes[0]);
        var leaderName = queues.Single(queue => queue.Name == "mes.orders").Leader;
        var leader = nodes.Single(node => node.NodeName == leaderName);
        var survivor = nodes.First(node => node != leader);
        output.WriteLine($"Orders queues led by {string.Join(", ", queues.Where(queue => OrderQueues.Contains(queue.Name)).Select(queue => $"{queue.Name}: {queue.Leader}"))}; stopping {leader.Name}");

        var orders = new List<(Guid OrderId, TestTrace Trace, DateTimeOffset PlacedAt)>();
        async Task PlaceWhileAsync(Func<bool> condition)
        {
            while (condition())
            {
                var trace = new TestTrace();
                var placedAt = DateTimeOffset.UtcNow;
                orders.Add((await OrderScenario.PlaceOrderAsync(shop, trace), trace, placedAt));
                await Task.Delay(BetweenOrders);
            }
        }

        Task PlaceForAsync(TimeSpan duration)
        {
            var placing = Stopwatch.StartNew();
            return PlaceWhileAsync(() => placing.Elapsed < duration);
        }

        await PlaceForAsync(TimeSpan.FromSeconds(3));
        var stopping = DateTimeOffset.UtcNow;
        var stopped = RabbitMQControl.RunAsync(leader, "stop");
        try
        {
            // Orders flow for as long as the node takes to stop (seconds, or many more on a busy machine), then until
            // the Shop has had time to connect to another node: some are written while it has no connection at all.
            await PlaceWhileAsync(() => !stopped.IsCompleted);
            await stopped;
            output.WriteLine($"{leader.Name} stopped after {(DateTimeOffset.UtcNow - stopping).TotalSeconds:0.0} s");
            await PlaceForAsync(AfterTheStop);

            await scenario.AssertEachDeliveredOnceAsync(orders.Select(order => order.OrderId));

            var (toPublish, toHandle) = await LongestWaitsAsync(stopping);
            output.WriteLine($"{orders.Count} orders; of those placed from the stop on, the longest wait to be published was {toPublish.TotalSeconds:0.0} s, then to be handled by MES {toHandle.TotalSeconds:0.0} s");
            Assert.True(toPublish <= ResumeWithin, $"An order waited {toPublish.TotalSeconds:0.0} s to be published.");
            Assert.True(toHandle <= ResumeWithin, $"A published order waited {toHandle.TotalSeconds:0.0} s to be handled.");

            // An order placed as the node went: its trace holds the attempt that failed and the publish that followed.
            var retried = await FirstTraceWithAFailedPublishAsync(orders.Where(order => order.PlacedAt >= stopping.AddSeconds(-1)).Select(order => order.Trace));
            var attempts = retried.Where(span => span.Is(ResourceNames.ShopApi, SpanKind.Internal) && span.Name == "outbox relay order.submitted")
                .ToLookup(span => span.Status == SpanStatusCode.Error);
            var failed = attempts[true].ToList();
            Assert.NotEmpty(failed);
            Assert.All(failed, span => Assert.False(string.IsNullOrEmpty(span.Attribute("error.type"))));
            var succeeded = Assert.Single(attempts[false]);
            Assert.True(succeeded.StartTime > failed.Max(span => span.StartTime), "The attempt that published follows the failed one.");
            Assert.Single(retried, span => span.Is(ResourceNames.ShopApi, SpanKind.Producer) && span.ParentSpanId == succeeded.SpanId);
            // A failed attempt's message may still have reached the broker (only its confirm was lost): MES then gets two
            // copies, each consumed under the publish that sent it, and handles one; the other is marked a duplicate.
            var publishes = retried.Where(span => span.Is(ResourceNames.ShopApi, SpanKind.Producer)).Select(span => (string?)span.SpanId).ToHashSet();
            var consumes = retried.Where(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)).ToList();
            Assert.All(consumes, consume => Assert.Contains(consume.ParentSpanId, publishes));
            var duplicate = consumes.ToLookup(consume => bool.Parse(consume.Attribute(MessagingTelemetry.DuplicateAttribute)!));
            Assert.Single(duplicate[false]);
            Assert.Equal(consumes.Count - 1, duplicate[true].Count());
        }
        finally
        {
            await ((Task)stopped).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            await fixture.App.ResourceCommands.ExecuteCommandAsync(leader.Name, KnownResourceCommands.StartCommand);
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(leader.Name);
            await Eventually.MatchesAsync(async () => JsonDocument.Parse(await RabbitMQControl.RunAsync(survivor, "cluster_status", "--formatter", "json"))
                .RootElement.GetProperty("running_nodes").GetArrayLength(), running => running == ScaledOutAppFixture.Nodes, "the stopped node back in the cluster");
        }
    }

    /// <summary>
    /// Of the orders placed from the stop on, the longest any waited in the Shop's outbox to be published, and the
    /// longest any waited after its publish for MES to handle it.
    /// </summary>
    private async Task<(TimeSpan ToPublish, TimeSpan ToHandle)> LongestWaitsAsync(DateTimeOffset since)
    {
        await using var shopDatabase = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync(ResourceNames.ShopDatabase))!);
        await using var mesDatabase = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync(ResourceNames.MesDatabase))!);
        await using var shop = await shopDatabase.OpenConnectionAsync();
        var written = (await shop.QueryAsync<(Guid MessageId, DateTime CreatedAt, DateTime PublishedAt)>(
            "SELECT message_id, created_at, published_at FROM outbox_messages WHERE routing_key = 'order.submitted' AND created_at >= @since",
            new { since })).ToList();
        Assert.NotEmpty(written);
        await using var mes = await mesDatabase.OpenConnectionAsync();
        var handled = (await mes.QueryAsync<(Guid MessageId, DateTime ProcessedAt)>(
            "SELECT message_id, processed_at FROM inbox_messages WHERE message_id = ANY(@Ids)",
            new { Ids = written.Select(message => message.MessageId).ToArray() })).ToDictionary(message => message.MessageId, message => message.ProcessedAt);
        return (written.Max(message => message.PublishedAt - message.CreatedAt), written.Max(message => handled[message.MessageId] - message.PublishedAt));
    }

    private async Task<IReadOnlyList<TelemetrySpan>> FirstTraceWithAFailedPublishAsync(IEnumerable<TestTrace> traces)
    {
        foreach (var trace in traces)
        {
            var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, found => found.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)));
            if (spans.Any(span => span.Name == "outbox relay order.submitted" && span.Status == SpanStatusCode.Error))
            {
                return spans;
            }
        }

        Assert.Fail("No order placed around the stop has a failed publish attempt in its trace.");
        return [];
    }

    private sealed record Queue(string Name, string Type, string? Leader, IReadOnlyList<string> Members);

    private static async Task<IReadOnlyList<Queue>> QueuesAsync(LocalRabbitMQServerResource node) =>
    [
        .. JsonDocument.Parse(await RabbitMQControl.RunAsync(node, "list_queues", "name", "type", "leader", "members", "--formatter", "json"))
            .RootElement.EnumerateArray()
            .Select(queue => new Queue(
                queue.GetProperty("name").GetString()!,
                queue.GetProperty("type").GetString()!,
                queue.TryGetProperty("leader", out var leader) && leader.ValueKind == JsonValueKind.String ? leader.GetString() : null,
                queue.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array
                    ? [.. members.EnumerateArray().Select(member => member.GetString()!)]
                    : [])),
    ];
}
