using System.Diagnostics;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>Marks the current operation as working on an order, so it and everything it causes carry the id.</summary>
public static class OrderTrace
{
    /// <summary>The order a span works on; searched for to find every trace of one order.</summary>
    public const string OrderIdAttribute = "jewelry.order.id";

    /// <summary>
    /// Tags the current span with <c>jewelry.order.id</c> and puts the id into the baggage, from where every later
    /// span, here and in the services called, gets it (see OrderIdFromBaggageProcessor).
    /// </summary>
    public static void WorkOn(Guid orderId) => WorkOn(Activity.Current, orderId);

    /// <summary>The same for a given span, such as one just started for background work or a consumed message.</summary>
    public static void WorkOn(Activity? activity, Guid orderId)
    {
        activity?.SetTag(OrderIdAttribute, orderId.ToString());
        activity?.AddBaggage(OrderIdAttribute, orderId.ToString());
    }
}
