using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.Data;

/// <summary>
/// A database that is full, restarting, unreachable or out of pooled connections is neither the caller's fault nor
/// a bug in this service: the request is answered 503 with <c>Retry-After</c> and ProblemDetails carrying the trace
/// id, so a client backs off and retries instead of reporting a 500. Other database errors stay 500s.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseErrors.IsUnavailable(exception))
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable,
            "The service's database cannot take this request now (busy, restarting or unreachable). Try again shortly.",
            title: "The database is unavailable", retryAfter: ExceptionAnswers.UnavailableRetryAfter);
    }
}
