using Dapper;
using Npgsql;

namespace Jewelry.ShopApi.ModelFiles;

internal static class ModelFileQueries
{
    private const string Columns =
        "id AS Id, file_name AS FileName, format AS Format, size_bytes AS SizeBytes, sha256 AS Sha256, created_at AS CreatedAt";

    /// <summary>A model by id; with <paramref name="customerId"/>, only when it is that customer's.</summary>
    public static async Task<ModelFile?> GetAsync(NpgsqlDataSource database, Guid modelId, Guid? customerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, modelId, customerId, cancellationToken);
    }

    /// <summary>The same on a connection the caller already holds, so it needs no second one from the pool.</summary>
    public static Task<ModelFile?> GetAsync(NpgsqlConnection connection, Guid modelId, Guid? customerId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<ModelFile>(new CommandDefinition(
            $"SELECT {Columns} FROM models WHERE id = @modelId AND (@customerId::uuid IS NULL OR customer_id = @customerId)",
            new { modelId, customerId }, cancellationToken: cancellationToken));
}
