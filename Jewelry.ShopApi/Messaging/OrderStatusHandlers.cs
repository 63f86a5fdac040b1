using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ShopApi.Orders;
using Npgsql;

namespace Jewelry.ShopApi.Messaging;

/// <summary>The price is the order's whatever its status by then (a later step heard of first, a cancellation).</summary>
public sealed class OrderPriceCalculatedHandler : IOrderMessageHandler<OrderPriceCalculated>
{
    public async Task HandleAsync(OrderPriceCalculated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET price = @Price WHERE id = @OrderId", new { message.Price, message.OrderId }, transaction,
            cancellationToken: cancellationToken));
        await OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.PriceCalculated, OrderLifeSteps.PriceCalculated,
            message.OccurredAt, cancellationToken);
    }
}

public sealed class OrderApprovedHandler : IOrderMessageHandler<OrderDecided>
{
    public Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.Approved, OrderLifeSteps.Decided,
            message.OccurredAt, cancellationToken);
}

public sealed class OrderRejectedHandler : IOrderMessageHandler<OrderDecided>
{
    public Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.Rejected, OrderLifeSteps.Decided,
            message.OccurredAt, cancellationToken);
}

public sealed class OrderStatusChangedHandler : IOrderMessageHandler<OrderStatusChanged>
{
    public Task HandleAsync(OrderStatusChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, message.Status, OrderLifeSteps.OnShopFloor(message.Revision),
            message.OccurredAt, cancellationToken);
}
