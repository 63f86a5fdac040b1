using Npgsql;

namespace Jewelry.Data;

/// <summary>Tells a database that cannot take work now from an error in the work itself.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// The database is full, restarting, unreachable or out of pooled connections: Npgsql's own transient
    /// classification (connection failures, pool exhaustion, too many clients, timeouts), plus a server shutting
    /// down under the connection (SQLSTATE class 57P, operator intervention), plus a multi-host connection string
    /// finding no primary (the primary is down and its standby not yet promoted). Trying again later may succeed.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException { InnerException: AggregateException hosts } => hosts.InnerExceptions.All(IsUnavailable),
        NpgsqlException { InnerException: null, Message: NoSuitableHost } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    // Npgsql's answer when every host it may use is known to be down or of the wrong kind (a standby, when the
    // connection string targets the primary); with fresh failures it wraps them in an AggregateException instead.
    private const string NoSuitableHost = "No suitable host was found.";

    /// <summary>
    /// The server closed this connection: its backend was terminated (SQLSTATE 57P01, as a failover or an
    /// administrator does to open connections), the server crashed (57P02), the connection failed (class 08), or the
    /// socket broke under a command. Not a timeout, not a full pool, not a server still starting: a fresh connection
    /// can succeed at once.
    /// </summary>
    public static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException } => true,
        _ => exception.InnerException is { } inner && IsConnectionLost(inner),
    };
}
