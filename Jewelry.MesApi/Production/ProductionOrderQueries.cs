using Dapper;
using Jewelry.Contracts.Paging;
using Jewelry.Data;
using Npgsql;

namespace Jewelry.MesApi.Production;

/// <summary>Reads production orders; parameters are always bound, never inlined into the SQL text.</summary>
internal static class ProductionOrderQueries
{
    private const string Columns = """
        order_id AS OrderId, source AS Source, status AS Status, price AS Price, currency AS Currency,
        subtotal AS Subtotal, discount_percent AS DiscountPercent, item_count AS ItemCount,
        custom_piece_material AS CustomPieceMaterial, custom_piece_model_id AS CustomPieceModelId,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public static async Task<PagedResult<ProductionOrder>> ListAsync(
        NpgsqlDataSource database, ProductionOrderQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        const string filter = "WHERE @Status::text IS NULL OR status = @Status";

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var parameters = new { query.Status, page.PageSize, page.Offset };

        var orders = await connection.QueryAsync<ProductionOrder>(new CommandDefinition(
            $"SELECT {Columns} FROM production_orders {filter} ORDER BY created_at DESC, order_id LIMIT @PageSize OFFSET @Offset",
            parameters, cancellationToken: cancellationToken));
        var counted = await connection.CountUpToAsync($"FROM production_orders {filter}", parameters, PageRequest.CountProbe, cancellationToken);

        return PagedResult.Create(orders.AsList(), page, counted);
    }

    public static async Task<ProductionOrder?> GetAsync(NpgsqlDataSource database, Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ProductionOrder>(new CommandDefinition(
            $"SELECT {Columns} FROM production_orders WHERE order_id = @orderId", new { orderId }, cancellationToken: cancellationToken));
    }
}
