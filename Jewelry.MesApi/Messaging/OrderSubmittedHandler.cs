using Dapper;
using Jewelry.MesApi.Production;
using Jewelry.ServiceDefaults.Messaging;
using Npgsql;

namespace Jewelry.MesApi.Messaging;

/// <summary>A submitted order becomes a production order waiting for its price.</summary>
public sealed class OrderSubmittedHandler : IOrderMessageHandler<OrderSubmitted>
{
    public async Task HandleAsync(OrderSubmitted message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO production_orders (order_id, source, status, currency, customer_id, customer_tier, discount_percent,
                                           subtotal, item_count, custom_piece_material)
            VALUES (@OrderId, 'shop', @Status, @Currency, @CustomerId, @CustomerTier, @DiscountPercent,
                    @Subtotal, @ItemCount, @CustomPieceMaterial)
            """,
            new
            {
                message.OrderId, Status = ProductionStatus.Submitted, message.Currency, message.CustomerId, message.CustomerTier,
                message.DiscountPercent, message.Subtotal, message.ItemCount, message.CustomPieceMaterial,
            },
            transaction, cancellationToken: cancellationToken));
}
