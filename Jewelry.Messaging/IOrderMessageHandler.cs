using Jewelry.Contracts.Orders;
using Npgsql;

namespace Jewelry.Messaging;

/// <summary>
/// Handles one kind of order event inside the consumer's database transaction, which also records the message
/// as handled: the handler's changes and that record commit together, or neither does. Messages the handler
/// publishes go through <see cref="Outbox"/> in the same transaction.
/// </summary>
public interface IOrderMessageHandler<in TEvent> where TEvent : OrderEvent
{
    Task HandleAsync(TEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
