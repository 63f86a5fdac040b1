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

    private static Task<int> WriteAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, decimal? price, bool keepCancelled, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            WITH changed AS (
                UPDATE orders SET status = @status, price = coalesce(@price, price), updated_at = now()
                WHERE id = @orderId AND NOT (@keepCancelled AND status = @Cancelled)
                RETURNING id
            )
            INSERT INTO order_status_history (order_id, status) SELECT id, @status FROM changed
            """,
            new { orderId, status, price, keepCancelled, OrderStatuses.Cancelled }, transaction, cancellationToken: cancellationToken));
}
