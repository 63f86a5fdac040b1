using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Tracing;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

/// <summary>A seller approves a priced order for manufacturing, or rejects it; either is published to the others.</summary>
public sealed class OrderDecisions(NpgsqlDataSource database, OutboxSignal outboxSignal)
{
    public enum Outcome { Decided, NotFound, NotPriced }

    public async Task<(Outcome Outcome, string? CurrentStatus)> DecideAsync(Guid orderId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        OrderTrace.WorkOn(orderId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var status = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM orders WHERE order_id = @orderId FOR UPDATE", new { orderId }, transaction, cancellationToken: cancellationToken));
        if (status is null)
        {
            return (Outcome.NotFound, null);
        }

        if (status != OrderStatuses.PriceCalculated)
        {
            return (Outcome.NotPriced, status);
        }

        var decided = approve ? OrderStatuses.Approved : OrderStatuses.Rejected;
        await OrderHistory.RecordAsync(transaction, orderId, decided, reason, cancellationToken);
        await Outbox.EnqueueAsync(approve ? OrderEventTypes.Approved : OrderEventTypes.Rejected,
            new OrderDecided { OrderId = orderId, Reason = reason }, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        return (Outcome.Decided, decided);
    }
}
