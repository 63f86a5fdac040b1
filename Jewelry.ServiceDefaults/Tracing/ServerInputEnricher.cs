using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The route values and query parameters of the request on its server span (<see cref="InputParameters"/>).
/// Called twice: by <see cref="RequestInputTracingMiddleware"/> once routing has run (the exception handler clears
/// route values before it answers a failed request) and at the end of every request (401s and 404s never reach
/// that middleware). Setting the same tags twice changes nothing.
/// </summary>
internal static class ServerInputEnricher
{
    public static void Enrich(Activity activity, HttpRequest request)
    {
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
