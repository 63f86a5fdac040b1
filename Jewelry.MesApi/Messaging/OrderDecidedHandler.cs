using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Production;
using Jewelry.Messaging;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jewelry.MesApi.Messaging;

/// <summary>A seller's decision: an approved order may be taken into work, a rejected one is closed.</summary>
public abstract partial class OrderDecidedHandler(string decidedStatus, ILogger logger) : IOrderMessageHandler<OrderDecided>
{
    public async Task HandleAsync(OrderDecided message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var current = await OrderStatusChanges.LockStatusAsync(transaction, message.OrderId, cancellationToken);
        if (current != OrderStatuses.PriceCalculated)
        {
            // Decisions only apply to priced orders; anything else is stale or out of order and changes nothing.
            LogIgnored(logger, decidedStatus, message.OrderId, current);
            return;
        }

        // Everyone learns of the decision from the CRM's own event, so it is not announced again.
        await OrderStatusChanges.RecordAsync(transaction, message.OrderId, decidedStatus, "crm", announce: false, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored {Decision} for order {OrderId} in status {Status}")]
    private static partial void LogIgnored(ILogger logger, string decision, Guid orderId, string? status);
}

public sealed class OrderApprovedHandler(ILogger<OrderApprovedHandler> logger) : OrderDecidedHandler(OrderStatuses.Approved, logger);

public sealed class OrderRejectedHandler(ILogger<OrderRejectedHandler> logger) : OrderDecidedHandler(OrderStatuses.Rejected, logger);
