using Jewelry.ServiceDefaults.Messaging;

namespace Jewelry.MesApi.Messaging;

/// <summary>The Shop's <c>order.submitted</c>, as MES reads it.</summary>
public sealed record OrderSubmitted : OrderEvent
{
    public required Guid CustomerId { get; init; }

    public required string CustomerTier { get; init; }

    public required decimal DiscountPercent { get; init; }

    public required decimal Subtotal { get; init; }

    public required string Currency { get; init; }

    public required int ItemCount { get; init; }

    public string? CustomPieceMaterial { get; init; }
}
