using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Production;

/// <summary>An order as manufacturing sees it: where it came from, where it stands and what it costs. Times are UTC.</summary>
public sealed record ProductionOrder(
    Guid OrderId,
    [property: ProductionSource] string Source,
    [property: OrderStatus] string Status,
    decimal? Price,
    string? Currency,
    decimal? Subtotal,
    decimal? DiscountPercent,
    int? ItemCount,
    [property: Material] string? CustomPieceMaterial,
    Guid? CustomPieceModelId,
    DateTime CreatedAt,
    DateTime UpdatedAt);
