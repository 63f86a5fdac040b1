using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ShopApi.Orders;
using Npgsql;

namespace Jewelry.ShopApi.Messaging;

/// <summary>Keeps the customer's view of an order current with what CRM and MES report.</summary>
internal static class OrderStatusUpdate
{
    public static Task ApplyAsync(NpgsqlTransaction transaction, Guid orderId, string status, decimal? price, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, price = coalesce(@price, price), updated_at = now() WHERE id = @orderId;
            INSERT INTO order_status_history (order_id, status) SELECT @orderId, @status WHERE EXISTS (SELECT 1 FROM orders WHERE id = @orderId);
            """,
            new { orderId, status, price }, transaction, cancellationToken: cancellationToken));
}

public sealed class OrderPriceCalculatedHandler : IOrderMessageHandler<OrderPriceCalculated>
{
    public Task HandleAsync(OrderPriceCalculated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusUpdate.ApplyAsync(transaction, message.OrderId, OrderStatuses.PriceCalculated, message.Price, cancellationToken);
}

public sealed class OrderApprovedHandler : IOrderMessageHandler<OrderDecided>
{
    public Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusUpdate.ApplyAsync(transaction, message.OrderId, OrderStatuses.Approved, null, cancellationToken);
}

public sealed class OrderRejectedHandler : IOrderMessageHandler<OrderDecided>
{
    public Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusUpdate.ApplyAsync(transaction, message.OrderId, OrderStatuses.Rejected, null, cancellationToken);
}

public sealed class OrderStatusChangedHandler : IOrderMessageHandler<OrderStatusChanged>
{
    public Task HandleAsync(OrderStatusChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusUpdate.ApplyAsync(transaction, message.OrderId, message.Status, null, cancellationToken);
}
