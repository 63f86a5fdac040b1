using System.Diagnostics;
using Microsoft.AspNetCore.Builder;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>Every response names its trace (<c>X-Trace-Id</c>), so a user's complaint leads straight to the trace.</summary>
internal static class TraceIdResponseHeader
{
    public const string HeaderName = "X-Trace-Id";

    public static IApplicationBuilder UseTraceIdResponseHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (Activity.Current?.TraceId is { } traceId && traceId != default)
                {
                    context.Response.Headers[HeaderName] = traceId.ToHexString();
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
