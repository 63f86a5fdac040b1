using Microsoft.AspNetCore.Diagnostics;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>Storage that cannot take or give a model is the service's trouble, not the customer's: 503 with Retry-After.</summary>
internal sealed class ModelStorageExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ModelStorageException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Model storage is unavailable", Detail = exception.Message },
        });
    }
}
