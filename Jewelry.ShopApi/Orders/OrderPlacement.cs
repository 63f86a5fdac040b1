using System.Net.Http.Headers;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Jewelry.ServiceDefaults.Tracing;
using Jewelry.ShopApi.Crm;
using Jewelry.ShopApi.ModelFiles;
using Npgsql;

namespace Jewelry.ShopApi.Orders;

/// <summary>
/// Places an order: checks the catalog items and the custom piece's model (the customer's own upload), resolves the
/// customer's tier in the CRM, and stores the order, its first status and the <c>order.submitted</c> message in one
/// transaction. A rejected order writes nothing.
/// </summary>
public sealed class OrderPlacement(NpgsqlDataSource database, CrmClient crm, OutboxSignal outboxSignal)
{
    private const string Currency = Currencies.Default;

    public async Task<PlaceOrderOutcome> PlaceAsync(
        Guid customerId, AuthenticationHeaderValue? customerToken, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var orderId = Guid.CreateVersion7();
        // From here on every span of this request, here and in the services it calls, names the order.
        OrderTrace.WorkOn(orderId);

        var lines = request.Items ?? [];
        Dictionary<int, decimal> prices;
        ModelFile? model = null;
        await using (var reading = await database.OpenConnectionAsync(cancellationToken))
        {
            prices = await PricesOfAsync(reading, lines, cancellationToken);
            var unknown = lines.Select((line, index) => (line, index)).Where(entry => !prices.ContainsKey(entry.line.CatalogItemId)).ToList();
            if (unknown.Count > 0)
            {
                return PlaceOrderOutcome.Invalid(unknown.ToDictionary(
                    entry => $"Items[{entry.index}].CatalogItemId",
                    entry => new[] { $"There is no catalog item {entry.line.CatalogItemId}." }));
            }

            if (request.CustomPiece is { ModelId: { } modelId } &&
                (model = await ModelFileQueries.GetAsync(reading, modelId, customerId, cancellationToken)) is null)
            {
                return PlaceOrderOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["CustomPiece.ModelId"] = [$"You have no uploaded model {modelId}; upload it with POST /api/models first."],
                });
            }
        }

        // No pooled connection is held while the CRM answers: a slow CRM must not drain the Shop's pool.
        if (await crm.GetCustomerAsync(customerId, customerToken, cancellationToken) is not { } customer)
        {
            return PlaceOrderOutcome.Refused("Your customer profile was not found in the CRM; ask a seller to register you.");
        }

        var subtotal = lines.Sum(line => prices[line.CatalogItemId] * line.Quantity);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertOrderAsync(transaction, orderId, customer, request, model, prices, subtotal, cancellationToken);
        await Outbox.EnqueueAsync(OrderEventTypes.Submitted, new OrderSubmitted
        {
            OrderId = orderId,
            CustomerId = customer.Id,
            CustomerTier = customer.Tier,
            DiscountPercent = customer.DiscountPercent,
            Subtotal = subtotal,
            Currency = Currency,
            ItemCount = lines.Sum(line => line.Quantity) + (request.CustomPiece is null ? 0 : 1),
            CustomPieceMaterial = request.CustomPiece?.Material,
            CustomPieceModelId = model?.Id,
        }, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();

        return PlaceOrderOutcome.Placed(orderId);
    }

    private static async Task<Dictionary<int, decimal>> PricesOfAsync(
        NpgsqlConnection connection, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Select(line => line.CatalogItemId).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(int Id, decimal Price)>(new CommandDefinition(
            "SELECT id, price FROM catalog_items WHERE id = ANY(@ids)", new { ids }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Id, row => row.Price);
    }

    private static async Task InsertOrderAsync(
        NpgsqlTransaction transaction, Guid orderId, CrmCustomer customer, PlaceOrderRequest request, ModelFile? model,
        Dictionary<int, decimal> prices, decimal subtotal, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO orders (id, customer_id, customer_tier, discount_percent, status, subtotal, currency, comment)
            VALUES (@orderId, @CustomerId, @Tier, @DiscountPercent, @Status, @subtotal, @Currency, @Comment);
            INSERT INTO order_status_history (order_id, status) VALUES (@orderId, @Status);
            """,
            new { orderId, CustomerId = customer.Id, customer.Tier, customer.DiscountPercent, Status = OrderStatuses.Submitted, subtotal, Currency, request.Comment },
            transaction, cancellationToken: cancellationToken));

        var lines = (request.Items ?? []).Select((line, index) => new
        {
            orderId, LineNumber = index + 1, line.CatalogItemId, line.Quantity, UnitPrice = prices[line.CatalogItemId],
        });
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO order_lines (order_id, line_number, catalog_item_id, quantity, unit_price)
            VALUES (@orderId, @LineNumber, @CatalogItemId, @Quantity, @UnitPrice)
            """,
            lines, transaction, cancellationToken: cancellationToken));

        if (request.CustomPiece is { } piece && model is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO custom_pieces (order_id, model_id, model_file_name, model_size_bytes, material, ring_size_mm, dimensions_mm, engraving_text)
                VALUES (@orderId, @ModelId, @ModelFileName, @ModelSizeBytes, @Material, @RingSizeMm, @DimensionsMm, @EngravingText)
                """,
                new
                {
                    orderId, ModelId = model.Id, ModelFileName = model.FileName, ModelSizeBytes = model.SizeBytes, piece.Material, piece.RingSizeMm,
                    piece.DimensionsMm, piece.EngravingText,
                },
                transaction, cancellationToken: cancellationToken));
        }
    }
}

/// <summary>What placing an order came to: placed, invalid input (400), or refused (422).</summary>
public sealed record PlaceOrderOutcome(Guid? OrderId, IDictionary<string, string[]>? Errors, string? RefusalReason)
{
    public static PlaceOrderOutcome Placed(Guid orderId) => new(orderId, null, null);

    public static PlaceOrderOutcome Invalid(IDictionary<string, string[]> errors) => new(null, errors, null);

    public static PlaceOrderOutcome Refused(string reason) => new(null, null, reason);
}
