using System.Diagnostics;
using Jewelry.ServiceDefaults.Http;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Every error answer is RFC 9457 ProblemDetails carrying the W3C trace id, so a user's complaint leads
    /// straight to the trace that shows what happened.
    /// </summary>
    public static TBuilder AddDefaultProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var traceId = Activity.Current?.TraceId.ToHexString();
            if (traceId is not null)
            {
                context.ProblemDetails.Extensions["traceId"] = traceId;
            }
        });

        // Binding failures throw in every environment (by default only in Development), so that
        // BadRequestExceptionHandler can name the parameter instead of answering an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // In this order: record the exception on the span, then answer it.
        if (builder.Configuration.GetTracingProfile(builder.Environment) == TracingProfile.Full)
        {
            builder.Services.AddExceptionHandler<ExceptionTracingHandler>();
        }

        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DependencyFailureExceptionHandler>();

        return builder;
    }
}
