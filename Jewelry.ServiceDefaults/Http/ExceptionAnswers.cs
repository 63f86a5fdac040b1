using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>How an exception handler answers the exception it takes: a status, and ProblemDetails with the trace id.</summary>
public static class ExceptionAnswers
{
    /// <summary>
    /// What a 503 says when nothing more precise is known: long enough for a pool to drain, a restarting server to
    /// accept connections again or a standby to be promoted; the same for this service's database and for another service.
    /// </summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sets <paramref name="status"/> (and <c>Retry-After</c> when given) and writes ProblemDetails for
    /// <paramref name="exception"/>; returns whether it was written, as <c>IExceptionHandler.TryHandleAsync</c> does.
    /// </summary>
    public static ValueTask<bool> AnswerAsync(
        this IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception, int status, string detail,
        string? title = null, TimeSpan? retryAfter = null)
    {
        httpContext.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            // Whole seconds, as the header requires (RFC 9110), rounded up so that nobody comes back too early.
            httpContext.Response.Headers[HeaderNames.RetryAfter] = Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
