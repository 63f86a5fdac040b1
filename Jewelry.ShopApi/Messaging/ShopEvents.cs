using Jewelry.ServiceDefaults.Messaging;

namespace Jewelry.ShopApi.Messaging;

/// <summary>MES's <c>order.price-calculated</c>.</summary>
public sealed record OrderPriceCalculated : OrderEvent
{
    public required decimal Price { get; init; }
}

/// <summary>The CRM's <c>order.approved</c> / <c>order.rejected</c>.</summary>
public sealed record OrderDecided : OrderEvent
{
    public string? Reason { get; init; }
}

/// <summary>MES's <c>order.status-changed</c>.</summary>
public sealed record OrderStatusChanged : OrderEvent
{
    public required string Status { get; init; }
}
