using Dapper;
using Npgsql;

namespace Jewelry.Data;

/// <summary>
/// Counts matching rows only up to a limit. A plain <c>count(*)</c> visits every matching row, so a list's total
/// would grow slower with every order a worklist holds; this one stops after <paramref name="limit"/> rows.
/// </summary>
public static class CappedCount
{
    /// <param name="fromWhere">The list query's <c>FROM ... WHERE ...</c>, with its parameters bound, never inlined.</param>
    public static Task<long> CountUpToAsync(
        this NpgsqlConnection connection, string fromWhere, object parameters, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM (SELECT 1 {fromWhere} LIMIT {limit}) AS matching", parameters, cancellationToken: cancellationToken));
    }
}
