using System.Diagnostics;
using OpenTelemetry;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Names the timeout on HTTP client spans a timeout cancelled. A processor, because HttpClient sets
/// <c>error.type</c> to the exception type when its span stops, after every enrichment callback has run.
/// </summary>
internal sealed class ClientTimeoutProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        if (activity.Kind == ActivityKind.Client)
        {
            ClientSpanEnrichment.DescribeTimeout(activity);
        }
    }
}
