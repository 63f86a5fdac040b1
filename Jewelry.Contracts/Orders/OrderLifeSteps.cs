namespace Jewelry.Contracts.Orders;

/// <summary>
/// Where a status stands in an order's life. Two replicas of a consumer (or a redelivery) can handle an order's
/// events out of order; a service that keeps the status it heard of with the highest step, and lists the history by
/// step, shows the order's life as it happened whatever the handling order. Steps come from the lifecycle, not from
/// clocks: on the shop floor, where an order can go back to the bench, MES numbers its own changes
/// (<see cref="OrderStatusChanged.Revision"/>), and they follow every step before them.
/// </summary>
public static class OrderLifeSteps
{
    public const int Submitted = 1;
    public const int PriceCalculated = 2;

    /// <summary>A seller approved or rejected the order.</summary>
    public const int Decided = 3;

    /// <summary>The customer cancelled before approval: it outranks a price or a decision that crossed it, not production.</summary>
    public const int CancelledByCustomer = 4;

    /// <summary>MES's change number <paramref name="revision"/> of the order, from its shop floor.</summary>
    public static int OnShopFloor(int revision) => CancelledByCustomer + revision;
}
