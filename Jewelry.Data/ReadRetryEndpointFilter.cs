using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;

namespace Jewelry.Data;

/// <summary>
/// A read that fails because the server closed its connection (a terminated backend, a restart or failover, a broken
/// socket) runs again on a fresh connection before any error reaches the user. Every idle pooled connection to that
/// server is as dead as the one that failed, so the pool is cleared first. Only GET and HEAD, and only before the
/// response has started: a write whose outcome is unknown keeps its answer (503). Each retry is an event on the
/// server span, naming what was lost.
/// </summary>
internal sealed class ReadRetryEndpointFilter(NpgsqlDataSource database) : IEndpointFilter
{
    public const string RetryEvent = "database connection lost, read retried";

    /// <summary>
    /// More than one: a read slowed by a busy machine can be caught by several rounds of terminations in a row (a
    /// failover, an administrator), each on a fresh connection; a server that stays away fails the retries at once
    /// with "unavailable" and is answered 503.
    /// </summary>
    public const int MaxRetries = 3;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return await next(context);
        }

        for (var retries = 0; ; retries++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception exception) when (retries < MaxRetries && DatabaseErrors.IsConnectionLost(exception) && !context.HttpContext.Response.HasStarted)
            {
                database.Clear();
                context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.AddEvent(new ActivityEvent(RetryEvent,
                    tags: new ActivityTagsCollection { ["error.type"] = exception.GetType().FullName, ["db.response.status_code"] = (exception as PostgresException)?.SqlState }));
            }
        }
    }
}
