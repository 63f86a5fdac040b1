using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The enrichers of server spans, in the order they run: ASP.NET Core instrumentation calls these two hooks at the
/// start and at the end of every request, and each concern is one small enricher beside this file.
/// </summary>
internal static class ServerSpanEnrichment
{
    public static void OnRequest(Activity activity, HttpRequest request) =>
        ServerSpanEnricher.DescribePeer(activity, request.HttpContext.Connection);

    public static void OnResponse(Activity activity, HttpResponse response)
    {
        ServerSpanEnricher.DescribeClient(activity, response.HttpContext);
        UserEnricher.Enrich(activity, response.HttpContext.User);
        ServerInputEnricher.EnrichIfNotRecorded(activity, response.HttpContext.Request);
        OutcomeEnricher.Enrich(activity, response);
    }
}
