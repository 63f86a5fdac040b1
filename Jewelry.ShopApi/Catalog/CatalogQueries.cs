using Dapper;
using Jewelry.Contracts.Paging;
using Jewelry.Data;
using Npgsql;

namespace Jewelry.ShopApi.Catalog;

/// <summary>Reads the catalog; parameters are always bound, never inlined into the SQL text.</summary>
internal static class CatalogQueries
{
    private const string Columns = """
        id AS Id, sku AS Sku, name AS Name, category AS Category, material AS Material, gemstone AS Gemstone,
        price AS Price, currency AS Currency, is_customizable AS IsCustomizable, description AS Description
        """;

    public static async Task<PagedResult<CatalogItem>> ListAsync(
        NpgsqlDataSource database, CatalogQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        const string filter = """
            WHERE (@Category::text IS NULL OR category = @Category)
              AND (@Material::text IS NULL OR material = @Material)
            """;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var parameters = new { query.Category, query.Material, page.PageSize, page.Offset };

        var items = await connection.QueryAsync<CatalogItem>(new CommandDefinition(
            $"SELECT {Columns} FROM catalog_items {filter} ORDER BY name, id LIMIT @PageSize OFFSET @Offset",
            parameters, cancellationToken: cancellationToken));
        var counted = await connection.CountUpToAsync($"FROM catalog_items {filter}", parameters, PageRequest.CountProbe, cancellationToken);

        return PagedResult.Create(items.AsList(), page, counted);
    }

    public static async Task<CatalogItem?> FindAsync(NpgsqlDataSource database, int id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CatalogItem>(new CommandDefinition(
            $"SELECT {Columns} FROM catalog_items WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }
}
