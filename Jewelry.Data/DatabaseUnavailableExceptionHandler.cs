using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Jewelry.Data;

/// <summary>
/// A database that is full, restarting, unreachable or out of pooled connections is neither the caller's fault nor
/// a bug in this service: the request is answered 503 with <c>Retry-After</c> and ProblemDetails carrying the trace
/// id, so a client backs off and retries instead of reporting a 500. Other database errors stay 500s.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    /// <summary>Long enough for a pool to drain or a restarting server to accept connections again.</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable,
            "The service's database cannot take this request now (busy, restarting or unreachable). Try again shortly.",
            title: "The database is unavailable", retryAfter: RetryAfter);
    }

    /// <summary>
    /// Npgsql's own transient classification (connection failures, pool exhaustion, too many clients, timeouts),
    /// plus a server shutting down under the connection (SQLSTATE class 57P, operator intervention).
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => exception.InnerException is { } inner && IsDatabaseUnavailable(inner),
    };
}
