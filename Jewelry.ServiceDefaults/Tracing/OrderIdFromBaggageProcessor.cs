using System.Diagnostics;
using OpenTelemetry;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Puts the order id on every span that works on an order. The id travels as W3C baggage (HTTP headers, and the
/// outbox and message handling restore it), and each span started under it is tagged here, so one search for
/// <c>jewelry.order.id</c> finds all of an order's spans in every service.
/// </summary>
internal sealed class OrderIdFromBaggageProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity activity)
    {
        if (activity.IsAllDataRequested && activity.GetBaggageItem(OrderTrace.OrderIdAttribute) is { } orderId)
        {
            activity.SetTag(OrderTrace.OrderIdAttribute, orderId);
        }
    }
}
