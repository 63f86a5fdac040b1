using RabbitMQ.Client;

namespace Jewelry.Messaging;

/// <summary>
/// Declares the exchanges and queues (idempotently: every service declares what it uses, with identical
/// arguments, whoever starts first). Every queue is a quorum queue, replicated to every node of a cluster: a classic
/// queue lives on one node, and while that node is down no client could declare it, so none could recover.
/// </summary>
internal static class MessagingTopology
{
    private const string UnroutableExchange = "jewelry.orders.unroutable";
    private const string UnroutableQueue = "jewelry.orders.unroutable";

    /// <summary>
    /// The order events exchange. A message no queue is bound for goes to an alternate exchange and waits in
    /// <c>jewelry.orders.unroutable</c> instead of vanishing.
    /// </summary>
    public static async Task DeclareExchangesAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(UnroutableExchange, ExchangeType.Fanout, durable: true, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(UnroutableQueue, durable: true, exclusive: false, autoDelete: false, arguments: Quorum(), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(UnroutableQueue, UnroutableExchange, "", cancellationToken: cancellationToken);

        await channel.ExchangeDeclareAsync(OrderEventTopology.Exchange, ExchangeType.Topic, durable: true,
            arguments: new Dictionary<string, object?> { ["alternate-exchange"] = UnroutableExchange },
            cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(OrderEventTopology.DeadLetterExchange, ExchangeType.Direct, durable: true, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// A consumer's quorum queue, bound to the routing keys it handles. After
    /// <see cref="OrderEventTopology.DeliveryLimit"/> deliveries RabbitMQ dead-letters a message to the queue's
    /// own dead-letter queue, so a message that keeps failing stops being retried but is kept.
    /// </summary>
    public static async Task DeclareConsumerQueueAsync(
        IChannel channel, string queue, IEnumerable<string> routingKeys, CancellationToken cancellationToken)
    {
        await DeclareExchangesAsync(channel, cancellationToken);

        var deadLetterQueue = OrderEventTopology.DeadLetterQueueOf(queue);
        await channel.QueueDeclareAsync(deadLetterQueue, durable: true, exclusive: false, autoDelete: false, arguments: Quorum(), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(deadLetterQueue, OrderEventTopology.DeadLetterExchange, queue, cancellationToken: cancellationToken);

        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>(Quorum())
            {
                ["x-delivery-limit"] = OrderEventTopology.DeliveryLimit,
                ["x-dead-letter-exchange"] = OrderEventTopology.DeadLetterExchange,
                ["x-dead-letter-routing-key"] = queue,
            },
            cancellationToken: cancellationToken);

        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(queue, OrderEventTopology.Exchange, routingKey, cancellationToken: cancellationToken);
        }
    }

    private static Dictionary<string, object?> Quorum() => new() { ["x-queue-type"] = "quorum" };
}
