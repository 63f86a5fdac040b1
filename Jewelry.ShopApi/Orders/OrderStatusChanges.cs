using Dapper;
using Npgsql;

namespace Jewelry.ShopApi.Orders;

/// <summary>
/// Writes an order's new status (and its price, once known) and its history line, in the caller's transaction:
/// the customer's view of the order follows what the CRM and MES report.
/// </summary>
internal static class OrderStatusChanges
{
    public static Task RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, decimal? price, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, price = coalesce(@price, price), updated_at = now() WHERE id = @orderId;
            INSERT INTO order_status_history (order_id, status) SELECT @orderId, @status WHERE EXISTS (SELECT 1 FROM orders WHERE id = @orderId);
            """,
            new { orderId, status, price }, transaction, cancellationToken: cancellationToken));
}
