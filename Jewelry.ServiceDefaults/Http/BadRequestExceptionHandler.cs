using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// Answers a request the framework could not bind (a malformed id, a number that is not one, unreadable JSON)
/// with 400 ProblemDetails that says which parameter was wrong, instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, badRequest.StatusCode, badRequest.Message);
    }
}
