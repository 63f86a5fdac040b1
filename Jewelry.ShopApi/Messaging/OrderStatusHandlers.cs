using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ShopApi.Orders;
using Npgsql;

namespace Jewelry.ShopApi.Messaging;

public sealed class OrderPriceCalculatedHandler : IOrderMessageHandler<OrderPriceCalculated>
{
    public Task HandleAsync(OrderPriceCalculated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.PriceCalculated, message.Price, cancellationToken);
}

public sealed class OrderApprovedHandler : IOrderMessageHandler<OrderDecided>
{
    public Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.Approved, null, cancellationToken);
}

public sealed class OrderRejectedHandler : IOrderMessageHandler<OrderDecided>
{
    public Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.Rejected, null, cancellationToken);
}

public sealed class OrderStatusChangedHandler : IOrderMessageHandler<OrderStatusChanged>
{
    public Task HandleAsync(OrderStatusChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordProductionStatusAsync(transaction, message.OrderId, message.Status, cancellationToken);
}
