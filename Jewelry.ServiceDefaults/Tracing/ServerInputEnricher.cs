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
    private static readonly object RecordedKey = new();

    /// <summary>At the end of the request: only if the middleware did not record the input already.</summary>
    public static void EnrichIfNotRecorded(Activity activity, HttpRequest request)
    {
        if (!request.HttpContext.Items.ContainsKey(RecordedKey))
        {
            Enrich(activity, request);
        }
    }

    public static void Enrich(Activity activity, HttpRequest request)
    {
        request.HttpContext.Items[RecordedKey] = true;
        var added = 0;
        foreach (var (name, value) in request.RouteValues)
        {
            if (added++ == InputParameters.MaxFields)
            {
                break;
            }

            activity.SetTag(InputParameters.RoutePrefix + name, InputParameters.Bound(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
        }

        added = 0;
        foreach (var (name, values) in request.Query)
        {
            if (added++ == InputParameters.MaxFields)
            {
                break;
            }

            activity.SetTag(InputParameters.QueryPrefix + name, InputParameters.Bound(values.ToString()));
        }
    }
}
