using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Tracing;
using Npgsql;

namespace Jewelry.MesApi.Production;

/// <summary>
/// An operator moves an order on the shop floor: the status and who moved it are recorded, and the move is
/// published to the others, in one transaction. A move the shop floor does not allow changes nothing.
/// </summary>
public sealed class ShopFloorMoves(NpgsqlDataSource database, OutboxSignal outboxSignal)
{
    public async Task<ShopFloorMoveOutcome> MoveAsync(Guid orderId, string status, string operatorId, CancellationToken cancellationToken)
    {
        OrderTrace.WorkOn(orderId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var current = await OrderStatusChanges.LockStatusAsync(transaction, orderId, cancellationToken);
        if (current is null)
        {
            return ShopFloorMoveOutcome.NotFound;
        }

        if (!ProductionStatus.OperatorMayMove(current, status))
        {
            return ShopFloorMoveOutcome.Refused($"An order in status {current} cannot move to {status}.");
        }

        await OrderStatusChanges.RecordAsync(transaction, orderId, status, operatorId, announce: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        return ShopFloorMoveOutcome.Moved;
    }
}

/// <summary>What an operator's move came to: moved, an unknown order (404), or refused with the reason (409).</summary>
public sealed record ShopFloorMoveOutcome(bool Found, string? RefusalReason)
{
    public static ShopFloorMoveOutcome Moved { get; } = new(true, null);

    public static ShopFloorMoveOutcome NotFound { get; } = new(false, null);

    public static ShopFloorMoveOutcome Refused(string reason) => new(true, reason);
}
