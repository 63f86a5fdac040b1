using System.Diagnostics;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.MesApi.Production;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jewelry.MesApi.Partners;

/// <summary>Partner orders: created once per external reference, then priced and made like any other.</summary>
public sealed class PartnerOrders(NpgsqlDataSource database, IOptions<PriceCalculationOptions> pricing)
{
    /// <summary>Creates the order, or finds the one this partner already placed under the reference (Created is then false).</summary>
    public async Task<PartnerOrderOutcome> PlaceAsync(string partnerId, PartnerOrderRequest request, CancellationToken cancellationToken)
    {
        var orderId = Guid.CreateVersion7();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var created = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            INSERT INTO production_orders (order_id, source, status, currency, subtotal, discount_percent, item_count,
                                           custom_piece_material, partner_id, external_reference, description, callback_url)
            VALUES (@orderId, @Source, @Status, @Currency, @Subtotal, 0, 1, @Material, @partnerId, @ExternalReference, @Description, @CallbackUrl)
            ON CONFLICT (partner_id, external_reference) WHERE partner_id IS NOT NULL DO NOTHING
            RETURNING order_id
            """,
            new
            {
                orderId, Source = ProductionSources.Partner, Status = OrderStatuses.Submitted, Currency = Currencies.Default, request.Subtotal, request.Material,
                partnerId, request.ExternalReference, request.Description, request.CallbackUrl,
            },
            transaction, cancellationToken: cancellationToken));

        if (created is null)
        {
            var existing = await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT order_id FROM production_orders WHERE partner_id = @partnerId AND external_reference = @ExternalReference",
                new { partnerId, request.ExternalReference }, transaction, cancellationToken: cancellationToken));
            OrderTrace.WorkOn(existing);
            return new PartnerOrderOutcome(existing, Created: false);
        }

        OrderTrace.WorkOn(orderId);
        var activity = Activity.Current;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO production_order_history (order_id, status, changed_by) VALUES (@orderId, @Status, @partnerId);
            INSERT INTO price_calculations (order_id, due_at, traceparent, tracestate) VALUES (@orderId, now() + @Duration, @TraceParent, @TraceState);
            """,
            new { orderId, Status = OrderStatuses.Submitted, partnerId, pricing.Value.Duration, TraceParent = activity?.Id, TraceState = activity?.TraceStateString },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new PartnerOrderOutcome(orderId, Created: true);
    }

    /// <summary>One of this partner's orders; another partner's is as unknown as a missing one.</summary>
    public async Task<ProductionOrder?> GetAsync(string partnerId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var owned = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM production_orders WHERE order_id = @orderId AND partner_id = @partnerId)",
            new { orderId, partnerId }, cancellationToken: cancellationToken));
        return owned ? await ProductionOrderQueries.GetAsync(database, orderId, cancellationToken) : null;
    }
}

/// <summary>The partner's order, and whether this call created it (false: the reference was placed before).</summary>
public sealed record PartnerOrderOutcome(Guid OrderId, bool Created);
