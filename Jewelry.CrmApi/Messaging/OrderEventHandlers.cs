using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.CrmApi.Orders;
using Jewelry.Messaging;
using Npgsql;

namespace Jewelry.CrmApi.Messaging;

/// <summary>A submitted order enters the CRM's records.</summary>
public sealed class OrderSubmittedHandler : IOrderMessageHandler<OrderSubmitted>
{
    public async Task HandleAsync(OrderSubmitted message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO orders (order_id, customer_id, status, subtotal, discount_percent, currency)
            VALUES (@OrderId, @CustomerId, @Status, @Subtotal, @DiscountPercent, @Currency)
            """,
            new { message.OrderId, message.CustomerId, Status = OrderStatuses.Submitted, message.Subtotal, message.DiscountPercent, message.Currency },
            transaction, cancellationToken: cancellationToken));
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO order_history (order_id, status, step, changed_at) VALUES (@OrderId, @Status, @Step, @OccurredAt)",
            new { message.OrderId, Status = OrderStatuses.Submitted, Step = OrderLifeSteps.Submitted, message.OccurredAt }, transaction,
            cancellationToken: cancellationToken));
    }
}

/// <summary>A priced order lands on the sellers' worklist.</summary>
public sealed class OrderPriceCalculatedHandler : IOrderMessageHandler<OrderPriceCalculated>
{
    public async Task HandleAsync(OrderPriceCalculated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET price = @Price WHERE order_id = @OrderId", new { message.Price, message.OrderId }, transaction,
            cancellationToken: cancellationToken));
        await OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.PriceCalculated, OrderLifeSteps.PriceCalculated,
            message.OccurredAt, note: null, cancellationToken);
    }
}

/// <summary>Production progress from MES, kept so sellers can answer a customer's question.</summary>
public sealed class OrderStatusChangedHandler : IOrderMessageHandler<OrderStatusChanged>
{
    public Task HandleAsync(OrderStatusChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrderStatusChanges.RecordAsync(transaction, message.OrderId, message.Status, OrderLifeSteps.OnShopFloor(message.Revision),
            message.OccurredAt, note: null, cancellationToken);
}

/// <summary>The customer cancelled: the order leaves the sellers' worklist, with the customer's reason in its history.</summary>
public sealed class OrderCancelledHandler : IOrderMessageHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await OrderStatusChanges.RecordAsync(transaction, message.OrderId, OrderStatuses.Cancelled, OrderLifeSteps.CancelledByCustomer,
            message.OccurredAt, message.Reason ?? "Cancelled by the customer", cancellationToken);
    }
}
