using System.Net;
using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Jewelry.UnitTests.ServiceDefaults;

/// <summary>
/// A dependency that is unavailable for now (it answered 503, or its circuit is open) is passed on as 503 with
/// Retry-After in whole seconds, so the caller backs off; one that failed is a 502, one that timed out a 504.
/// </summary>
public sealed class DependencyFailureAnswerTests
{
    public static TheoryData<Exception, int, string?> Failures => new()
    {
        { new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable), 503, "5" },
        { new BrokenCircuitException(TimeSpan.FromSeconds(2.2)), 503, "3" },
        { new BrokenCircuitException(), 503, "5" },
        { new HttpRequestException("failed", null, HttpStatusCode.InternalServerError), 502, null },
        { new HttpRequestException("refused"), 502, null },
        { new TimeoutRejectedException(TimeSpan.FromSeconds(3)), 504, null },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_dependency_failure_is_answered_with_its_status_and_a_retry_after_only_when_coming_back_may_help(
        Exception failure, int status, string? retryAfter)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new DependencyFailureExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.True(await handler.TryHandleAsync(context, failure, CancellationToken.None));

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(retryAfter, context.Response.Headers.RetryAfter.SingleOrDefault());
    }
}
