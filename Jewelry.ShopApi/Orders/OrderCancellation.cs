using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Tracing;
using Npgsql;

namespace Jewelry.ShopApi.Orders;

/// <summary>
/// A customer cancels their order before a seller approved it: the status and <c>order.cancelled</c> are written in
/// one transaction, and MES and the CRM follow from the message. Later, the order is the workshop's to finish.
/// </summary>
public sealed class OrderCancellation(NpgsqlDataSource database, OutboxSignal outboxSignal)
{
    public async Task<OrderCancellationOutcome> CancelAsync(Guid customerId, Guid orderId, string? reason, CancellationToken cancellationToken)
    {
        OrderTrace.WorkOn(orderId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var status = await OrderStatusChanges.LockStatusAsync(transaction, customerId, orderId, cancellationToken);
        if (status is null)
        {
            return OrderCancellationOutcome.NotFound;
        }

        if (!OrderStatuses.CancellableByCustomer.Contains(status))
        {
            return OrderCancellationOutcome.Refused(
                $"An order can be cancelled only until a seller approves it; this one is {status}. Contact the shop.");
        }

        var cancelled = new OrderCancelled { OrderId = orderId, Reason = reason };
        await OrderStatusChanges.RecordAsync(transaction, orderId, OrderStatuses.Cancelled, OrderLifeSteps.CancelledByCustomer,
            cancelled.OccurredAt, cancellationToken);
        await Outbox.EnqueueAsync(OrderEventTypes.Cancelled, cancelled, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        return OrderCancellationOutcome.Cancelled;
    }
}

/// <summary>What a cancellation came to: cancelled, an unknown order (404), or refused with the reason (409).</summary>
public sealed record OrderCancellationOutcome(bool Found, string? RefusalReason)
{
    public static OrderCancellationOutcome Cancelled { get; } = new(true, null);

    public static OrderCancellationOutcome NotFound { get; } = new(false, null);

    public static OrderCancellationOutcome Refused(string reason) => new(true, reason);
}
