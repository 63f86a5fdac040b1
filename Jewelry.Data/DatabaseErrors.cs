using Npgsql;

namespace Jewelry.Data;

/// <summary>Tells a database that cannot take work now from an error in the work itself.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// The database is full, restarting, unreachable or out of pooled connections: Npgsql's own transient
    /// classification (connection failures, pool exhaustion, too many clients, timeouts), plus a server shutting
    /// down under the connection (SQLSTATE class 57P, operator intervention). Trying again later may succeed.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
