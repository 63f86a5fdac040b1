using Dapper;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

/// <summary>Writes an order's new status and its history line, in the caller's transaction.</summary>
internal static class OrderHistory
{
    public static Task RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, string? note, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, updated_at = now() WHERE order_id = @orderId;
            INSERT INTO order_history (order_id, status, note) VALUES (@orderId, @status, @note);
            """,
            new { orderId, status, note }, transaction, cancellationToken: cancellationToken));
}
