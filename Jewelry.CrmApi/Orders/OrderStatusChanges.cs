using Dapper;
using Jewelry.Contracts.Orders;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

/// <summary>An order's status as the sellers see it, each change written with its history line and note, in the caller's transaction.</summary>
internal static class OrderStatusChanges
{
    /// <summary>The order's status, locked until the transaction ends so two changes cannot cross; null if the CRM does not know it.</summary>
    public static Task<string?> LockStatusAsync(NpgsqlTransaction transaction, Guid orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT status FROM orders WHERE order_id = @orderId FOR UPDATE", new { orderId }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Writes the new status and its history line. A cancelled order stays cancelled, whatever pricing sent before it
    /// heard of the cancellation; an order the CRM does not know (never submitted through the Shop) is left alone
    /// rather than failing the message.
    /// </summary>
    public static Task<int> RecordAsync(NpgsqlTransaction transaction, Guid orderId, string status, string? note, CancellationToken cancellationToken) =>
        WriteAsync(transaction, orderId, status, note, keepCancelled: true, cancellationToken);

    /// <summary>Writes a status MES reports from the shop floor, the truth about production, even over a cancellation.</summary>
    public static Task<int> RecordProductionStatusAsync(NpgsqlTransaction transaction, Guid orderId, string status, CancellationToken cancellationToken) =>
        WriteAsync(transaction, orderId, status, note: null, keepCancelled: false, cancellationToken);

    private static async Task<int> WriteAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, string? note, bool keepCancelled, CancellationToken cancellationToken)
    {
        // Two statements, so the trace reads "UPDATE orders" then "INSERT order_history".
        var connection = transaction.Connection!;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET status = @status, updated_at = now() WHERE order_id = @orderId AND NOT (@keepCancelled AND status = @Cancelled)",
            new { orderId, status, keepCancelled, OrderStatuses.Cancelled }, transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO order_history (order_id, status, note) VALUES (@orderId, @status, @note)",
                new { orderId, status, note }, transaction, cancellationToken: cancellationToken));
        }

        return changed;
    }
}
