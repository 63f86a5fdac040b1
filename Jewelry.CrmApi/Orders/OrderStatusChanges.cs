using Dapper;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

/// <summary>An order's status changes, each written with its history line, in the caller's transaction.</summary>
internal static class OrderStatusChanges
{
    /// <summary>The order's status, locked until the transaction ends so two changes cannot cross; null if unknown.</summary>
    public static Task<string?> LockStatusAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM orders WHERE order_id = @orderId FOR UPDATE", new { orderId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Writes the new status and its history line; an order the CRM does not know (never submitted through the Shop)
    /// is left alone rather than failing the message.
    /// </summary>
    public static Task RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, string? note, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, updated_at = now() WHERE order_id = @orderId;
            INSERT INTO order_history (order_id, status, note)
            SELECT @orderId, @status, @note WHERE EXISTS (SELECT 1 FROM orders WHERE order_id = @orderId);
            """,
            new { orderId, status, note }, transaction, cancellationToken: cancellationToken));
}
