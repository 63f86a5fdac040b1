namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Sits inside each retry attempt, just outside HttpClient's own instrumentation, and prepares the attempt's
/// client span: it removes the trace context a previous attempt wrote into the request (HttpClient does not
/// overwrite a <c>traceparent</c> already present, so the callee would see the first attempt as its parent), and
/// it hands the request to <see cref="DependencySpanProcessor"/>, which describes the span as it starts. Measured: the
/// instrumentation's own request callback ran for the first attempt of a request only, not for its retries.
/// </summary>
internal sealed class AttemptTracingHandler : DelegatingHandler
{
    private static readonly string[] PropagationHeaders = ["traceparent", "tracestate", "baggage"];
    private static readonly AsyncLocal<HttpRequestMessage?> Sending = new();

    /// <summary>The request being sent on this flow, while HttpClient starts its span.</summary>
    public static HttpRequestMessage? CurrentRequest => Sending.Value;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var header in PropagationHeaders)
        {
            request.Headers.Remove(header);
        }

        Sending.Value = request;
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Sending.Value = null;
        }
    }
}
