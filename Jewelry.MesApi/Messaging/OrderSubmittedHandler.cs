using System.Diagnostics;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Production;
using Jewelry.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jewelry.MesApi.Messaging;

/// <summary>A submitted order becomes a production order, and its price calculation is scheduled.</summary>
public sealed class OrderSubmittedHandler(IOptions<PriceCalculationOptions> pricing) : IOrderMessageHandler<OrderSubmitted>
{
    public async Task HandleAsync(OrderSubmitted message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var activity = Activity.Current;
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO production_orders (order_id, source, status, currency, customer_id, customer_tier, discount_percent,
                                           subtotal, item_count, custom_piece_material, custom_piece_model_id)
            VALUES (@OrderId, @Source, @Status, @Currency, @CustomerId, @CustomerTier, @DiscountPercent,
                    @Subtotal, @ItemCount, @CustomPieceMaterial, @CustomPieceModelId);
            INSERT INTO production_order_history (order_id, status, changed_by) VALUES (@OrderId, @Status, @Source);
            INSERT INTO price_calculations (order_id, due_at, traceparent, tracestate)
            VALUES (@OrderId, now() + @Duration, @TraceParent, @TraceState);
            """,
            new
            {
                message.OrderId, Source = ProductionSources.Shop, Status = OrderStatuses.Submitted, message.Currency, message.CustomerId, message.CustomerTier,
                message.DiscountPercent, message.Subtotal, message.ItemCount, message.CustomPieceMaterial, message.CustomPieceModelId,
                pricing.Value.Duration, TraceParent = activity?.Id, TraceState = activity?.TraceStateString,
            },
            transaction, cancellationToken: cancellationToken));
    }
}
