using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>Storage that cannot take or give a model is the service's trouble, not the customer's: 503 with Retry-After.</summary>
internal sealed class ModelStorageExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ModelStorageException)
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable, exception.Message,
            title: "Model storage is unavailable", retryAfter: RetryAfter);
    }
}
