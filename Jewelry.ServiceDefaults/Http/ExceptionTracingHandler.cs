using System.Diagnostics;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// First in the chain of exception handlers: records every exception that reaches the exception handler on the
/// request's server span, then lets the next handler write the answer. Whether the span is an error is decided
/// by the status code that answer gets (<see cref="OutcomeEnricher"/>).
/// </summary>
internal sealed class ExceptionTracingHandler : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        SpanExceptionRecorder.Record(Activity.Current, exception);
        return ValueTask.FromResult(false);
    }
}
