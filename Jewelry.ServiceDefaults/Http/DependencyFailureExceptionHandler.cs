using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// A call to another service that failed for good (after the resilience pipeline's retries) is answered as what
/// it is, a gateway problem, with ProblemDetails and the trace id: 504 when it timed out, 502 when it failed. When the
/// other service is unavailable for now (it answered 503, or its circuit is open) the answer is 503 with
/// <c>Retry-After</c>, so the client backs off and comes back as it would for this service's own database.
/// Not a 500, which would blame this service's own code.
/// </summary>
internal sealed class DependencyFailureExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail, retryAfter) = exception switch
        {
            TimeoutRejectedException timeout => (StatusCodes.Status504GatewayTimeout,
                $"A service this request depends on did not answer within {timeout.Timeout.TotalSeconds:0.###} s.", (TimeSpan?)null),
            BrokenCircuitException broken => (StatusCodes.Status503ServiceUnavailable,
                "A service this request depends on is failing; calls to it are paused for a moment.", broken.RetryAfter ?? ExceptionAnswers.UnavailableRetryAfter),
            HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable } => (StatusCodes.Status503ServiceUnavailable,
                "A service this request depends on cannot take requests now. Try again shortly.", ExceptionAnswers.UnavailableRetryAfter),
            HttpRequestException { StatusCode: { } code } => (StatusCodes.Status502BadGateway,
                $"A service this request depends on answered {(int)code}.", null),
            HttpRequestException => (StatusCodes.Status502BadGateway, "A service this request depends on could not be reached.", null),
            _ => (0, null, null),
        };
        if (detail is null)
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, status, detail, retryAfter: retryAfter);
    }
}
