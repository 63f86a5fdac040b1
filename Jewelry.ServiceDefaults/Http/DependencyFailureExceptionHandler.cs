using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// A call to another service that failed for good (after the resilience pipeline's retries) is answered as what
/// it is, a gateway problem, with ProblemDetails and the trace id: 504 when it timed out, 503 when its circuit is
/// open, 502 when it failed otherwise. Not a 500, which would blame this service's own code.
/// </summary>
internal sealed class DependencyFailureExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            TimeoutRejectedException timeout => (StatusCodes.Status504GatewayTimeout,
                $"A service this request depends on did not answer within {timeout.Timeout.TotalSeconds:0.###} s."),
            BrokenCircuitException => (StatusCodes.Status503ServiceUnavailable,
                "A service this request depends on is failing; calls to it are paused for a moment."),
            HttpRequestException { StatusCode: { } code } => (StatusCodes.Status502BadGateway,
                $"A service this request depends on answered {(int)code}."),
            HttpRequestException => (StatusCodes.Status502BadGateway, "A service this request depends on could not be reached."),
            _ => (0, null),
        };
        if (detail is null)
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, status, detail);
    }
}
