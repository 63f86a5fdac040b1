namespace Jewelry.Messaging;

/// <summary>
/// Where order events travel: one durable topic exchange, a quorum queue per consuming service, and a
/// dead-letter queue beside each, which a message reaches after <see cref="DeliveryLimit"/> failed deliveries.
/// </summary>
public static class OrderEventTopology
{
    public const string Exchange = "jewelry.orders";
    public const string DeadLetterExchange = "jewelry.orders.dead-letter";

    /// <summary>Deliveries a message gets before RabbitMQ moves it to the dead-letter queue.</summary>
    public const int DeliveryLimit = 5;

    public static string DeadLetterQueueOf(string queue) => $"{queue}.dead-letter";
}
