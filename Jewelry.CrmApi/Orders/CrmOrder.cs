using Jewelry.Contracts.Orders;

namespace Jewelry.CrmApi.Orders;

/// <summary>An order as sellers see it. Times are UTC.</summary>
public sealed record CrmOrder(
    Guid OrderId, Guid CustomerId, [property: OrderStatus] string Status, decimal Subtotal, decimal DiscountPercent, decimal? Price, string Currency,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public IReadOnlyList<CrmOrderHistoryEntry> History { get; init; } = [];
}

public sealed record CrmOrderHistoryEntry([property: OrderStatus] string Status, string? Note, DateTime ChangedAt);

/// <summary>Why a seller rejects an order; the customer is told.</summary>
public sealed record RejectOrderRequest(
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(500, MinimumLength = 3)] string Reason);
