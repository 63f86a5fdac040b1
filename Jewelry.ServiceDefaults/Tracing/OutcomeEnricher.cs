using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Whether the server did its job, on the server span: a 5xx answer is an error (with <c>error.type</c> naming the
/// exception behind it, or the status code), anything else is Ok, because a 4xx is the client's mistake, answered
/// correctly. Semantic conventions leave success Unset for instrumentations; the application sets Ok on purpose so
/// that "succeeded" is explicit in Jaeger and the dashboard.
/// </summary>
internal static class OutcomeEnricher
{
    public static void Enrich(Activity activity, HttpResponse response)
    {
        if (response.StatusCode < StatusCodes.Status500InternalServerError)
        {
            activity.SetStatus(ActivityStatusCode.Ok);
            return;
        }

        var exception = response.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        activity.SetTag("error.type", exception?.GetType().FullName ?? response.StatusCode.ToString(CultureInfo.InvariantCulture));
        activity.SetStatus(ActivityStatusCode.Error, exception?.GetType().Name ?? $"HTTP {response.StatusCode}");
    }
}
