namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>
/// Delays outgoing calls to a dependency a fault rule names, inside each attempt (so the attempt timeout can
/// fire), as a span of its own: the waterfall shows where the time went and that it was injected.
/// </summary>
internal sealed class FaultInjectionHandler(FaultInjector faults, string clientName) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (faults.ForDependency(request.RequestUri?.Host, clientName) is { Latency: var latency } rule && latency > TimeSpan.Zero)
        {
            using var activity = FaultTelemetry.Source.StartActivity($"injected latency {rule.Target}");
            activity?.SetTag(FaultTelemetry.TargetAttribute, rule.Target);
            activity?.SetTag(FaultTelemetry.LatencyAttribute, latency.TotalMilliseconds);
            await Task.Delay(latency, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
