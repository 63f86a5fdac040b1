using Dapper;
using Jewelry.Contracts.Paging;
using Jewelry.Data;
using Npgsql;

namespace Jewelry.CrmApi.Customers;

/// <summary>Reads customers; parameters are always bound, never inlined into the SQL text.</summary>
internal static class CustomerQueries
{
    private const string Columns = """
        id AS Id, full_name AS FullName, email AS Email, phone AS Phone, tier AS Tier, created_at AS CreatedAt
        """;

    public static async Task<PagedResult<Customer>> FindAsync(
        NpgsqlDataSource database, CustomerSearch search, PageRequest page, CancellationToken cancellationToken)
    {
        // strpos instead of LIKE: what the seller types is matched literally, '%' and '_' included.
        const string filter = """
            WHERE @Search::text IS NULL
               OR strpos(lower(full_name), lower(@Search)) > 0
               OR strpos(lower(email), lower(@Search)) > 0
            """;

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var parameters = new { Search = string.IsNullOrWhiteSpace(search.Search) ? null : search.Search.Trim(), page.PageSize, page.Offset };

        var customers = await connection.QueryAsync<Customer>(new CommandDefinition(
            $"SELECT {Columns} FROM customers {filter} ORDER BY full_name, id LIMIT @PageSize OFFSET @Offset",
            parameters, cancellationToken: cancellationToken));
        var counted = await connection.CountUpToAsync($"FROM customers {filter}", parameters, PageRequest.CountProbe, cancellationToken);

        return PagedResult.Create(customers.AsList(), page, counted);
    }

    public static async Task<Customer?> GetAsync(NpgsqlDataSource database, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Customer>(new CommandDefinition(
            $"SELECT {Columns} FROM customers WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Adds a customer; null when another customer already has that e-mail address.</summary>
    public static async Task<Customer?> CreateAsync(NpgsqlDataSource database, CreateCustomerRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Customer>(new CommandDefinition(
            $"""
            INSERT INTO customers (id, full_name, email, phone, tier)
            VALUES (@Id, @FullName, @Email, @Phone, @Tier)
            ON CONFLICT (lower(email)) DO NOTHING
            RETURNING {Columns}
            """,
            new
            {
                Id = Guid.CreateVersion7(),
                FullName = request.FullName.Trim(),
                Email = request.Email.Trim(),
                request.Phone,
                Tier = request.Tier ?? CustomerTiers.Standard,
            },
            cancellationToken: cancellationToken));
    }
}
