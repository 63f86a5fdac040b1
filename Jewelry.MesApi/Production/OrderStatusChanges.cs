using System.Diagnostics;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Npgsql;

namespace Jewelry.MesApi.Production;

/// <summary>Status changes of production orders, each recorded in the history, in the caller's transaction.</summary>
internal static class OrderStatusChanges
{
    /// <summary>The order's status, locked until the transaction ends so two changes cannot cross; null if unknown.</summary>
    public static Task<string?> LockStatusAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM production_orders WHERE order_id = @orderId FOR UPDATE", new { orderId }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Moves the order to <paramref name="status"/> and records who did it. A partner's order queues a callback to
    /// the partner. With <paramref name="announce"/> a shop order's change is published as
    /// <c>order.status-changed</c>; changes that follow another service's event are not announced again, and
    /// partner orders stay off the bus (the Shop and the CRM do not know them).
    /// </summary>
    public static async Task RecordAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, string changedBy, bool announce, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var (source, revision) = await connection.QuerySingleAsync<(string, int)>(new CommandDefinition(
            """
            UPDATE production_orders SET status = @status, revision = revision + 1, updated_at = now()
            WHERE order_id = @orderId RETURNING source, revision
            """,
            new { orderId, status }, transaction, cancellationToken: cancellationToken));

        var activity = Activity.Current;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO production_order_history (order_id, status, changed_by) VALUES (@orderId, @status, @changedBy);
            INSERT INTO partner_notifications (order_id, callback_url, payload, traceparent, tracestate)
            SELECT order_id, callback_url,
                   jsonb_build_object('orderId', order_id, 'externalReference', external_reference, 'status', status,
                                      'price', price, 'currency', currency, 'occurredAt', now()),
                   @TraceParent, @TraceState
            FROM production_orders WHERE order_id = @orderId AND callback_url IS NOT NULL;
            """,
            new { orderId, status, changedBy, TraceParent = activity?.Id, TraceState = activity?.TraceStateString },
            transaction, cancellationToken: cancellationToken));

        if (announce && source == ProductionSources.Shop)
        {
            await Outbox.EnqueueAsync(OrderEventTypes.StatusChanged, new OrderStatusChanged { OrderId = orderId, Status = status, Revision = revision },
                transaction, cancellationToken);
        }
    }
}
