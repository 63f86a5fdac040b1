namespace Jewelry.Contracts.Orders;

/// <summary>The routing keys of order events, which are also their message types.</summary>
public static class OrderEventTypes
{
    public const string Submitted = "order.submitted";
    public const string PriceCalculated = "order.price-calculated";
    public const string Approved = "order.approved";
    public const string Rejected = "order.rejected";
    public const string StatusChanged = "order.status-changed";
    public const string Cancelled = "order.cancelled";
}
