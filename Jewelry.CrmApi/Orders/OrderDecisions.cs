using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Tracing;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

/// <summary>A seller approves a priced order for manufacturing, or rejects it; either is published to the others.</summary>
public sealed class OrderDecisions(NpgsqlDataSource database, OutboxSignal outboxSignal)
{
    public async Task<OrderDecisionOutcome> DecideAsync(Guid orderId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        OrderTrace.WorkOn(orderId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var status = await OrderStatusChanges.LockStatusAsync(transaction, orderId, cancellationToken);
        if (status is null)
        {
            return OrderDecisionOutcome.NotFound;
        }

        if (status != OrderStatuses.PriceCalculated)
        {
            return OrderDecisionOutcome.Refused($"Only a priced order can be decided; this one is {status}.");
        }

        var decided = approve ? OrderStatuses.Approved : OrderStatuses.Rejected;
        var decision = new OrderDecided { OrderId = orderId, Reason = reason };
        await OrderStatusChanges.RecordAsync(transaction, orderId, decided, OrderLifeSteps.Decided, decision.OccurredAt, reason, cancellationToken);
        await Outbox.EnqueueAsync(approve ? OrderEventTypes.Approved : OrderEventTypes.Rejected, decision, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        return OrderDecisionOutcome.Decided;
    }
}

/// <summary>What a seller's decision came to: decided, an unknown order (404), or refused with the reason (409).</summary>
public sealed record OrderDecisionOutcome(bool Found, string? RefusalReason)
{
    public static OrderDecisionOutcome Decided { get; } = new(true, null);

    public static OrderDecisionOutcome NotFound { get; } = new(false, null);

    public static OrderDecisionOutcome Refused(string reason) => new(true, reason);
}
