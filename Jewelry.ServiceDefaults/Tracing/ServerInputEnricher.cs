using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The route values and query parameters of the request on its server span (<see cref="InputParameters"/>).
/// <see cref="RequestInputTracingMiddleware"/> records them once routing has run (the exception handler clears route
/// values before it answers a failed request); requests that never reach it (401s, 404s) get them at the end.
/// </summary>
internal static class ServerInputEnricher
{
    /// <summary>
    /// At the end of the request: only if the middleware did not record the input already, which the span itself
    /// tells: it carries the first route value, or with none the first query parameter, once recorded. (With
    /// neither there is nothing to record.)
    /// </summary>
    public static void EnrichIfNotRecorded(Activity activity, HttpRequest request)
    {
        string? firstAttribute = null;
        foreach (var (name, _) in request.RouteValues)
        {
            firstAttribute = InputParameters.RouteAttribute(name);
            break;
        }

        if (firstAttribute is null && FirstQueryName(request.QueryString) is { IsEmpty: false } queryName)
        {
            firstAttribute = InputParameters.QueryAttribute(queryName);
        }

        if (firstAttribute is not null && activity.GetTagItem(firstAttribute) is null)
        {
            Enrich(activity, request);
        }
    }

    /// <summary>The name of the first query parameter, read from the raw query string (no collection is parsed for it).</summary>
    private static ReadOnlySpan<char> FirstQueryName(QueryString query)
    {
        var text = query.Value.AsSpan().TrimStart('?');
        var end = text.IndexOfAny('=', '&');
        var name = end < 0 ? text : text[..end];
        return name.ContainsAny('%', '+') ? Uri.UnescapeDataString(name.ToString().Replace('+', ' ')) : name;
    }

    public static void Enrich(Activity activity, HttpRequest request)
    {
        var added = 0;
        foreach (var (name, value) in request.RouteValues)
        {
            if (added++ == InputParameters.MaxFields)
            {
                break;
            }

            activity.SetTag(InputParameters.RouteAttribute(name), InputParameters.Bound(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        if (!request.QueryString.HasValue)
        {
            return;
        }

        added = 0;
        foreach (var (name, values) in request.Query)
        {
            if (added++ == InputParameters.MaxFields)
            {
                break;
            }

            activity.SetTag(InputParameters.QueryAttribute(name), InputParameters.Bound(values.ToString()));
        }
    }
}
