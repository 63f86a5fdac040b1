using Dapper;
using Jewelry.Contracts.Orders;
using Npgsql;

namespace Jewelry.ShopApi.Orders;

/// <summary>An order's status as its customer sees it, each change written with its history line, in the caller's transaction.</summary>
internal static class OrderStatusChanges
{
    /// <summary>The customer's order's status, locked until the transaction ends; null if they have no such order.</summary>
    public static Task<string?> LockStatusAsync(NpgsqlTransaction transaction, Guid customerId, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM orders WHERE id = @orderId AND customer_id = @customerId FOR UPDATE",
            new { orderId, customerId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Writes the new status (and the price, once known) and its history line: the customer's view follows what the
    /// CRM and MES report. A cancelled order stays cancelled, whatever pricing or a seller's decision sent before
    /// they heard of it; only <see cref="RecordProductionStatusAsync"/> overrides it.
    /// </summary>
    public static Task<int> RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, decimal? price, CancellationToken cancellationToken) =>
        WriteAsync(transaction, orderId, status, price, keepCancelled: true, cancellationToken);

    /// <summary>
    /// Writes a status MES reports from the shop floor, which is the truth about production: an order a customer
    /// cancelled too late, when MES had already started it, shows what MES is doing with it.
    /// </summary>
    public static Task<int> RecordProductionStatusAsync(NpgsqlTransaction transaction, Guid orderId, string status, CancellationToken cancellationToken) =>
        WriteAsync(transaction, orderId, status, price: null, keepCancelled: false, cancellationToken);

    private static async Task<int> WriteAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, decimal? price, bool keepCancelled, CancellationToken cancellationToken)
    {
        // Two statements, so the trace reads "UPDATE orders" then "INSERT order_status_history" (and no history line
        // for an order that stayed as it was).
        var connection = transaction.Connection!;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, price = coalesce(@price, price), updated_at = now()
            WHERE id = @orderId AND NOT (@keepCancelled AND status = @Cancelled)
            """,
            new { orderId, status, price, keepCancelled, OrderStatuses.Cancelled }, transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO order_status_history (order_id, status) VALUES (@orderId, @status)",
                new { orderId, status }, transaction, cancellationToken: cancellationToken));
        }

        return changed;
    }
}
