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
    /// Writes a change the CRM, MES or the customer made, at its <paramref name="step"/> in the order's life
    /// (<see cref="OrderLifeSteps"/>): the order shows it unless it already shows a later step, heard of first; a cancelled order stays cancelled whatever pricing or a seller's decision sent before they
    /// heard of it, and shows what MES does with it after. The history gets its line either way, dated when it happened; an order the Shop does not have is left alone.
    /// </summary>
    public static async Task RecordAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, int step, DateTime occurredAt, CancellationToken cancellationToken)
    {
        // Two statements, so the trace reads "UPDATE orders" then "INSERT order_status_history".
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET status = @status, status_step = @step, updated_at = now()
            WHERE id = @orderId AND status_step <= @step
            """,
            new { orderId, status, step }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_status_history (order_id, status, step, changed_at)
            SELECT id, @status, @step, @occurredAt FROM orders WHERE id = @orderId
            """,
            new { orderId, status, step, occurredAt }, transaction, cancellationToken: cancellationToken));
    }
}
