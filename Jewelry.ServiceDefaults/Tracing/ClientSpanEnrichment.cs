using System.Diagnostics;
using System.Net.Http.Headers;
using Polly;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The HTTP client span of every outgoing call: the query and JSON body it sent (<see cref="InputParameters"/>,
/// the same rules as server spans), its route template when the caller names one, which retry it is, the time
/// it was allowed, and, when a timeout cancelled it, <c>error.type</c> = <c>timeout</c> with that limit.
/// (The request is kept on the span as a custom property, never exported, for the timeout check at its end.)
/// </summary>
internal static class ClientSpanEnrichment
{
    private const string RequestProperty = "jewelry.http.request";

    public static void OnRequest(Activity activity, HttpRequestMessage request)
    {
        activity.SetCustomProperty(RequestProperty, request);
        InputParameters.AddQuery(activity, request.RequestUri?.Query);
        AddJsonBody(activity, request.Content);

        if (request.Options.TryGetValue(UrlTemplateExtensions.UrlTemplate, out var template))
        {
            activity.SetTag("url.template", template);
        }

        if (request.GetResilienceContext() is { } context)
        {
            if (OutgoingCallTimeouts.ResendCount(context) is > 0 and var resends)
            {
                activity.SetTag("http.request.resend_count", resends);
            }

            if (OutgoingCallTimeouts.AttemptLimit(context) is { } limit)
            {
                activity.SetTag(TimeoutAttributes.Limit, limit.TotalSeconds);
            }
        }
    }

    /// <summary>
    /// Called as the span ends (from <see cref="DependencySpanProcessor"/>), after HttpClient has written its own
    /// <c>error.type</c> (the cancellation exception's type): a cancellation that a timeout caused is named so.
    /// </summary>
    public static void OnEnd(Activity activity)
    {
        // HttpClient names the span after the bare method once it has started; a template makes it readable.
        if (activity.GetTagItem("url.template") is string template)
        {
            activity.DisplayName = $"{activity.GetTagItem("http.request.method")} {template}";
        }

        DescribeTimeout(activity);
    }

    private static void DescribeTimeout(Activity activity)
    {
        if (activity.Status != ActivityStatusCode.Error ||
            activity.GetTagItem("error.type") is not string errorType ||
            !errorType.EndsWith("CanceledException", StringComparison.Ordinal) ||
            activity.GetCustomProperty(RequestProperty) is not HttpRequestMessage request ||
            request.GetResilienceContext() is not { } context ||
            OutgoingCallTimeouts.Expired(context) is not var (kind, limit))
        {
            return;
        }

        activity.SetTag("error.type", TimeoutAttributes.ErrorType);
        activity.SetTag(TimeoutAttributes.Kind, kind);
        activity.SetTag(TimeoutAttributes.Limit, limit.TotalSeconds);
        activity.SetStatus(ActivityStatusCode.Error, $"The {kind} timeout of {limit.TotalSeconds:0.###} s expired.");
    }

    /// <summary>
    /// Only bodies already in memory (string and byte-array content) are read: serialising a streamed or
    /// JsonContent body a second time for a span would cost more than it tells.
    /// </summary>
    private static void AddJsonBody(Activity activity, HttpContent? content)
    {
        if (content is not ByteArrayContent ||
            content.Headers.ContentType?.MediaType is not { } mediaType ||
            !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        if (content.Headers.ContentLength is not { } length || length > InputParameters.MaxBodyBytes)
        {
            activity.SetTag(InputParameters.BodyNotCapturedAttribute, $"larger than {InputParameters.MaxBodyBytes} bytes");
            return;
        }

        // CopyTo serialises the bytes afresh; ReadAsStream would hand out (and let us dispose) the stream the
        // content caches, which breaks the next attempt of a retried request.
        using var copy = new MemoryStream((int)length);
        content.CopyTo(copy, context: null, CancellationToken.None);
        var buffer = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        if (!InputParameters.TryAddJsonBody(activity, buffer))
        {
            activity.SetTag(InputParameters.BodyNotCapturedAttribute, "not valid JSON");
        }
    }
}
