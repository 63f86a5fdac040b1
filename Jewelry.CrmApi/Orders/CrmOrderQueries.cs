using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Contracts.Paging;
using Jewelry.Data;
using Npgsql;

namespace Jewelry.CrmApi.Orders;

internal static class CrmOrderQueries
{
    private const string Columns = """
        order_id AS OrderId, customer_id AS CustomerId, status AS Status, subtotal AS Subtotal,
        discount_percent AS DiscountPercent, price AS Price, currency AS Currency, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    /// <summary>Priced orders waiting for a seller's decision, oldest first.</summary>
    public static async Task<PagedResult<CrmOrder>> WorklistAsync(NpgsqlDataSource database, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var parameters = new { Status = OrderStatuses.PriceCalculated, page.PageSize, page.Offset };
        var orders = await connection.QueryAsync<CrmOrder>(new CommandDefinition(
            $"SELECT {Columns} FROM orders WHERE status = @Status ORDER BY updated_at, order_id LIMIT @PageSize OFFSET @Offset",
            parameters, cancellationToken: cancellationToken));
        var counted = await connection.CountUpToAsync("FROM orders WHERE status = @Status", parameters, PageRequest.CountProbe, cancellationToken);
        return PagedResult.Create(orders.AsList(), page, counted);
    }

    public static async Task<CrmOrder?> GetAsync(NpgsqlDataSource database, Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<CrmOrder>(new CommandDefinition(
            $"SELECT {Columns} FROM orders WHERE order_id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        if (order is null)
        {
            return null;
        }

        var history = await connection.QueryAsync<CrmOrderHistoryEntry>(new CommandDefinition(
            "SELECT status AS Status, note AS Note, changed_at AS ChangedAt FROM order_history WHERE order_id = @orderId ORDER BY step, changed_at",
            new { orderId }, cancellationToken: cancellationToken));
        return order with { History = history.AsList() };
    }
}
