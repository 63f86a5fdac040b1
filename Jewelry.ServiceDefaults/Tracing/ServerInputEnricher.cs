using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The route values and query parameters of the request on its server span (<see cref="InputParameters"/>); the
/// JSON body of a write request is added by <see cref="RequestBodyTracingMiddleware"/>, which can read it before
/// the endpoint does.
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
