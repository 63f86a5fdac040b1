using System.Diagnostics;
using OpenTelemetry;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Background work that continues a trace saved earlier with the work item (an outbox row, a pricing job, a
/// partner callback): its span, and everything under it, joins the trace of the request that caused it.
/// Background pollers suppress tracing while they look for work; this scope turns it back on for the work.
/// </summary>
public sealed class ContinuedTrace : IDisposable
{
    private readonly IDisposable _tracingOn = SuppressInstrumentationScope.Begin(false);

    private ContinuedTrace(ActivitySource source, string name, string? traceParent, string? traceState)
    {
        ActivityContext.TryParse(traceParent, traceState, out var parent);
        Activity = source.StartActivity(name, ActivityKind.Internal, parent);
    }

    public Activity? Activity { get; }

    /// <summary>Starts the span; with an order id, it and every span under it are tagged with it.</summary>
    public static ContinuedTrace Start(ActivitySource source, string name, string? traceParent, string? traceState, Guid? orderId = null)
    {
        var trace = new ContinuedTrace(source, name, traceParent, traceState);
        if (orderId is { } id)
        {
            OrderTrace.WorkOn(trace.Activity, id);
        }

        return trace;
    }

    public void Dispose()
    {
        Activity?.Dispose();
        _tracingOn.Dispose();
    }
}
