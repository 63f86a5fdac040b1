using Jewelry.ServiceDefaults.Messaging;

namespace Jewelry.ShopApi.Orders;

/// <summary>Published when a customer places an order (<c>order.submitted</c>). No personal data travels in it.</summary>
public sealed record OrderSubmitted : OrderEvent
{
    public required Guid CustomerId { get; init; }

    public required string CustomerTier { get; init; }

    public required decimal DiscountPercent { get; init; }

    public required decimal Subtotal { get; init; }

    public required string Currency { get; init; }

    public required int ItemCount { get; init; }

    /// <summary>The material of the custom piece, when the order has one; MES prices it.</summary>
    public string? CustomPieceMaterial { get; init; }
}
