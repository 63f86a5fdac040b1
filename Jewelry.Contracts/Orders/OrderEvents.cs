namespace Jewelry.Contracts.Orders;

/// <summary>
/// Published by the Shop when a customer places an order (<c>order.submitted</c>). No personal data travels in
/// it: the customer is an id.
/// </summary>
public sealed record OrderSubmitted : OrderEvent
{
    public required Guid CustomerId { get; init; }

    public required string CustomerTier { get; init; }

    public required decimal DiscountPercent { get; init; }

    public required decimal Subtotal { get; init; }

    public required string Currency { get; init; }

    public required int ItemCount { get; init; }

    /// <summary>The material of the custom piece, when the order has one; MES prices the work.</summary>
    public string? CustomPieceMaterial { get; init; }

    /// <summary>The customer's 3D model of the custom piece, which the workshop downloads from the Shop.</summary>
    public Guid? CustomPieceModelId { get; init; }
}

/// <summary>Published by MES when it has priced an order (<c>order.price-calculated</c>).</summary>
public sealed record OrderPriceCalculated : OrderEvent
{
    public required decimal Price { get; init; }

    public required string Currency { get; init; }
}

/// <summary>Published by the CRM when a seller approves (<c>order.approved</c>) or rejects (<c>order.rejected</c>) an order.</summary>
public sealed record OrderDecided : OrderEvent
{
    public string? Reason { get; init; }
}

/// <summary>
/// Published by the Shop when the customer cancels an order before a seller approved it (<c>order.cancelled</c>).
/// MES stops pricing it and the CRM drops it from the worklist. It can overtake its own <c>order.submitted</c> (another
/// replica still handling that one, or its delivery failed); a consumer that does not know the order yet waits for it.
/// </summary>
public sealed record OrderCancelled : OrderEvent
{
    public string? Reason { get; init; }
}

/// <summary>Published by MES on every status change on the shop floor (<c>order.status-changed</c>).</summary>
public sealed record OrderStatusChanged : OrderEvent
{
    public required string Status { get; init; }

    /// <summary>MES's count of this order's changes, one more at each; orders the changes for whoever hears them (<see cref="OrderLifeSteps"/>).</summary>
    public int Revision { get; init; }
}
