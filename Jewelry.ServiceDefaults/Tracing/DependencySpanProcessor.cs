using System.Diagnostics;
using OpenTelemetry;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Describes dependency spans. HTTP client spans (<see cref="ClientSpanEnrichment"/>): the request sent, when the
/// span starts; the timeout that cancelled it, when it ends, which must come after HttpClient wrote its own
/// <c>error.type</c> (the cancellation exception's type) as the span stopped. Database spans: a command timeout
/// (<see cref="DatabaseTimeouts.Describe"/>).
/// </summary>
internal sealed class DependencySpanProcessor : BaseProcessor<Activity>
{
    private const string HttpClientSource = "System.Net.Http";
    private const string DatabaseSource = "Npgsql";

    public override void OnStart(Activity activity)
    {
        if (activity.IsAllDataRequested && activity.Kind == ActivityKind.Client && activity.Source.Name == HttpClientSource &&
            AttemptTracingHandler.CurrentRequest is { } request)
        {
            try
            {
                ClientSpanEnrichment.OnRequest(activity, request);
            }
#pragma warning disable CA1031 // This runs inside HttpClient's Activity.Start: describing the span must never fail the call.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                activity.SetTag("jewelry.tracing.enrichment_failed", exception.GetType().Name);
            }
        }
    }

    public override void OnEnd(Activity activity)
    {
        if (!activity.IsAllDataRequested || activity.Kind != ActivityKind.Client)
        {
            return;
        }

        if (activity.Source.Name == HttpClientSource)
        {
            ClientSpanEnrichment.OnEnd(activity);
        }
        else if (activity.Source.Name == DatabaseSource)
        {
            DatabaseTimeouts.Describe(activity);
        }
    }
}
