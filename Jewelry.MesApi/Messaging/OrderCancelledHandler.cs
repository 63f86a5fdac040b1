using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Production;
using Jewelry.Messaging;
using Npgsql;

namespace Jewelry.MesApi.Messaging;

/// <summary>
/// The customer cancelled: pricing stops and the order is closed, unless the shop floor has already started it.
/// Then MES keeps its status and announces it, so the Shop and the CRM show what is really happening.
/// </summary>
public sealed partial class OrderCancelledHandler(ILogger<OrderCancelledHandler> logger) : IOrderMessageHandler<OrderCancelled>
{
    private static readonly string[] NotStarted = [OrderStatuses.Submitted, OrderStatuses.PriceCalculated, OrderStatuses.Approved];

    public async Task HandleAsync(OrderCancelled message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The pricing job before the order: the pricing worker locks them in this order too, so the two never deadlock.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM price_calculations WHERE order_id = @OrderId", new { message.OrderId }, transaction, cancellationToken: cancellationToken));

        var current = await OrderStatusChanges.LockStatusAsync(transaction, message.OrderId, cancellationToken)
            ?? throw new OrderNotKnownYetException(message.OrderId);

        if (NotStarted.Contains(current))
        {
            await OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.Cancelled, "customer", announce: false, cancellationToken);
            return;
        }

        if (current != OrderStatuses.Cancelled)
        {
            LogTooLate(logger, message.OrderId, current);
            await Outbox.EnqueueAsync(OrderEventTypes.StatusChanged, new OrderStatusChanged { OrderId = message.OrderId, Status = current },
                transaction, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was cancelled by the customer in status {Status}, too late to stop; its status is announced again")]
    private static partial void LogTooLate(ILogger logger, Guid orderId, string status);
}
