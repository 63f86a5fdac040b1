namespace Jewelry.MesApi.Production;

/// <summary>An order as manufacturing sees it: where it came from, where it stands and what it costs. Times are UTC.</summary>
public sealed record ProductionOrder(
    Guid OrderId,
    string Source,
    string Status,
    decimal? Price,
    string? Currency,
    decimal? Subtotal,
    decimal? DiscountPercent,
    int? ItemCount,
    string? CustomPieceMaterial,
    Guid? CustomPieceModelId,
    DateTime CreatedAt,
    DateTime UpdatedAt);
