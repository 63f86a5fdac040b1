using Dapper;
using Jewelry.Contracts.Paging;
using Jewelry.Data;
using Npgsql;

namespace Jewelry.ShopApi.Orders;

/// <summary>Reads a customer's orders; every query is scoped to the customer, so nobody reads another's.</summary>
internal static class OrderQueries
{
    private const string Columns = """
        id AS Id, status AS Status, subtotal AS Subtotal, discount_percent AS DiscountPercent, price AS Price, currency AS Currency,
        comment AS Comment, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public static async Task<PagedResult<Order>> ListAsync(
        NpgsqlDataSource database, Guid customerId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var parameters = new { customerId, page.PageSize, page.Offset };

        var orders = await connection.QueryAsync<Order>(new CommandDefinition(
            $"SELECT {Columns} FROM orders WHERE customer_id = @customerId ORDER BY created_at DESC, id LIMIT @PageSize OFFSET @Offset",
            parameters, cancellationToken: cancellationToken));
        var counted = await connection.CountUpToAsync("FROM orders WHERE customer_id = @customerId", parameters, PageRequest.CountProbe, cancellationToken);

        return PagedResult.Create(orders.AsList(), page, counted);
    }

    public static async Task<Order?> GetAsync(NpgsqlDataSource database, Guid customerId, Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var parameters = new { customerId, orderId };

        var order = await connection.QuerySingleOrDefaultAsync<Order>(new CommandDefinition(
            $"SELECT {Columns} FROM orders WHERE id = @orderId AND customer_id = @customerId", parameters, cancellationToken: cancellationToken));
        if (order is null)
        {
            return null;
        }

        using var details = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT catalog_item_id AS CatalogItemId, quantity AS Quantity, unit_price AS UnitPrice
              FROM order_lines WHERE order_id = @orderId ORDER BY line_number;
            SELECT p.model_id AS ModelId, p.model_file_name AS ModelFileName, p.model_size_bytes AS ModelSizeBytes, m.sha256 AS ModelSha256,
                   p.material AS Material, p.ring_size_mm AS RingSizeMm, p.dimensions_mm AS DimensionsMm, p.engraving_text AS EngravingText
              FROM custom_pieces p LEFT JOIN models m ON m.id = p.model_id WHERE p.order_id = @orderId;
            SELECT status AS Status, changed_at AS ChangedAt FROM order_status_history WHERE order_id = @orderId ORDER BY step, changed_at;
            """,
            parameters, cancellationToken: cancellationToken));

        return order with
        {
            Items = (await details.ReadAsync<OrderLine>()).AsList(),
            CustomPiece = await details.ReadSingleOrDefaultAsync<CustomPiece>(),
            History = (await details.ReadAsync<StatusChange>()).AsList(),
        };
    }
}
