using System.Diagnostics;

namespace Jewelry.Tests.Telemetry;

/// <summary>
/// A trace the test starts itself: requests sent with its <c>traceparent</c> become part of it, so the test
/// knows the trace id to read back from the dashboard without searching.
/// </summary>
public sealed class TestTrace
{
    public string TraceId { get; } = ActivityTraceId.CreateRandom().ToHexString();

    public string ParentSpanId { get; } = ActivitySpanId.CreateRandom().ToHexString();

    public string TraceParent => $"00-{TraceId}-{ParentSpanId}-01";

    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("traceparent", TraceParent);
        return request;
    }
}
