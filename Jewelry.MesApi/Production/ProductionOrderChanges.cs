using Dapper;
using Jewelry.MesApi.Messaging;
using Jewelry.ServiceDefaults.Messaging;
using Npgsql;

namespace Jewelry.MesApi.Production;

/// <summary>Status changes of production orders, each recorded in the history, in the caller's transaction.</summary>
internal static class ProductionOrderChanges
{
    /// <summary>The order's status, locked until the transaction ends so two changes cannot cross; null if unknown.</summary>
    public static Task<string?> LockStatusAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM production_orders WHERE order_id = @orderId FOR UPDATE", new { orderId }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Moves the order to <paramref name="status"/>. With <paramref name="announce"/> it also publishes
    /// <c>order.status-changed</c>; changes that merely follow another service's event are not announced again.
    /// </summary>
    public static async Task ChangeStatusAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, string changedBy, bool announce, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE production_orders SET status = @status, updated_at = now() WHERE order_id = @orderId;
            INSERT INTO production_order_history (order_id, status, changed_by) VALUES (@orderId, @status, @changedBy);
            """,
            new { orderId, status, changedBy }, transaction, cancellationToken: cancellationToken));

        if (announce)
        {
            await Outbox.EnqueueAsync(OrderEventTypes.StatusChanged, new OrderStatusChanged { OrderId = orderId, Status = status },
                transaction, cancellationToken);
        }
    }
}
