using System.Text.Json;
using Jewelry.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jewelry.Messaging;

/// <summary>A routing key the service consumes, the event type it reads it as, and how to call its handler.</summary>
internal sealed record OrderEventSubscription(
    string RoutingKey,
    Func<ReadOnlyMemory<byte>, OrderEvent?> Deserialize,
    Func<IServiceProvider, OrderEvent, NpgsqlTransaction, CancellationToken, Task> Handle)
{
    public static OrderEventSubscription For<TEvent, THandler>(string routingKey)
        where TEvent : OrderEvent
        where THandler : IOrderMessageHandler<TEvent> =>
        new(routingKey,
            body => JsonSerializer.Deserialize<TEvent>(body.Span, MessagingTelemetry.Json),
            (services, message, transaction, cancellationToken) =>
                services.GetRequiredService<THandler>().HandleAsync((TEvent)message, transaction, cancellationToken));
}

/// <summary>The queue a service consumes from and what it does with each routing key.</summary>
internal sealed class OrderEventConsumerOptions(string queue)
{
    public string Queue { get; } = queue;

    public Dictionary<string, OrderEventSubscription> Subscriptions { get; } = [];
}
