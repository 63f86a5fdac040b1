namespace Jewelry.Messaging;

/// <summary>
/// Thrown by a handler for an event about an order its service will know but does not yet: the event overtook the
/// one that introduces the order, because another replica is still handling that one or its first delivery failed.
/// The consumer waits and tries the same delivery again for a while, then returns it to the queue, so the event is
/// applied once the order is known instead of being lost or using up its deliveries at once.
/// </summary>
public sealed class OrderNotKnownYetException(Guid orderId)
    : Exception($"Order {orderId} is not known yet; the event is tried again after the order's submission.")
{
    public Guid OrderId { get; } = orderId;
}
