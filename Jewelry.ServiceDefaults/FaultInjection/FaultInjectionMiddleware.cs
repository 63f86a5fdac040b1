using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>Delays or fails requests to the endpoints a fault rule names, and marks their server span.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (faults.ForEndpoint(context.Request.Method, route) is { } rule)
        {
            var activity = Activity.Current;
            activity?.SetTag(FaultTelemetry.TargetAttribute, rule.Target);
            if (rule.Latency > TimeSpan.Zero)
            {
                activity?.SetTag(FaultTelemetry.LatencyAttribute, rule.Latency.TotalMilliseconds);
                await Task.Delay(rule.Latency, context.RequestAborted);
            }

            if (FaultInjector.ShouldFail(rule))
            {
                activity?.SetTag(FaultTelemetry.ErrorAttribute, true);
                throw new InjectedFaultException(rule.Target);
            }
        }

        await next(context);
    }
}
