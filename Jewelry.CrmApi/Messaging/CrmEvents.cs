using Jewelry.ServiceDefaults.Messaging;

namespace Jewelry.CrmApi.Messaging;

/// <summary>The Shop's <c>order.submitted</c>, as the CRM reads it.</summary>
public sealed record OrderSubmitted : OrderEvent
{
    public required Guid CustomerId { get; init; }

    public required decimal Subtotal { get; init; }

    public required decimal DiscountPercent { get; init; }

    public required string Currency { get; init; }
}

/// <summary>MES's <c>order.price-calculated</c>.</summary>
public sealed record OrderPriceCalculated : OrderEvent
{
    public required decimal Price { get; init; }

    public required string Currency { get; init; }
}

/// <summary>MES's <c>order.status-changed</c>.</summary>
public sealed record OrderStatusChanged : OrderEvent
{
    public required string Status { get; init; }
}

/// <summary>Published when a seller approves (<c>order.approved</c>) or rejects (<c>order.rejected</c>) an order.</summary>
public sealed record OrderDecided : OrderEvent
{
    public string? Reason { get; init; }
}
