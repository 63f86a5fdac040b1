using Dapper;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

/// <summary>
/// Writes an order's new status and its history line, in the caller's transaction; an order the CRM does not
/// know (never submitted through the Shop) is left alone rather than failing the message.
/// </summary>
internal static class OrderHistory
{
    public static Task RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, string? note, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, updated_at = now() WHERE order_id = @orderId;
            INSERT INTO order_history (order_id, status, note)
            SELECT @orderId, @status, @note WHERE EXISTS (SELECT 1 FROM orders WHERE order_id = @orderId);
            """,
            new { orderId, status, note }, transaction, cancellationToken: cancellationToken));
}
