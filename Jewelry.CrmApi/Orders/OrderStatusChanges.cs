using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
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
    /// Writes a change at its <paramref name="step"/> in the order's life (<see cref="OrderLifeSteps"/>): the order shows
    /// it unless it already shows a later step, heard of first, so a cancelled order stays cancelled whatever pricing
    /// sent before it heard of the cancellation. The history gets its line either way, dated when it happened. Every
    /// order on the bus came through the Shop, so one the CRM does not know has not arrived yet: its submission is
    /// still on the way (<see cref="OrderNotKnownYetException"/>), and the change waits for it rather than being lost.
    /// </summary>
    public static async Task RecordAsync(
        NpgsqlTransaction transaction, Guid orderId, string status, int step, DateTime occurredAt, string? note, CancellationToken cancellationToken)
    {
        // Two statements, so the trace reads "UPDATE orders" then "INSERT order_history".
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET status = @status, status_step = @step, updated_at = now() WHERE order_id = @orderId AND status_step <= @step",
            new { orderId, status, step }, transaction, cancellationToken: cancellationToken));
        var known = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_history (order_id, status, note, step, changed_at)
            SELECT order_id, @status, @note, @step, @occurredAt FROM orders WHERE order_id = @orderId
            """,
            new { orderId, status, note, step, occurredAt }, transaction, cancellationToken: cancellationToken)) == 1;
        if (!known)
        {
            throw new OrderNotKnownYetException(orderId);
        }
    }
}
