using Jewelry.Contracts.Orders;

namespace Jewelry.ShopApi.Orders;

/// <summary>An order as its customer sees it. Times are UTC.</summary>
public sealed record Order(
    Guid Id,
    [property: OrderStatus] string Status,
    decimal Subtotal,
    decimal DiscountPercent,
    decimal? Price,
    string Currency,
    string? Comment,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public IReadOnlyList<OrderLine> Items { get; init; } = [];

    public CustomPiece? CustomPiece { get; init; }

    public IReadOnlyList<StatusChange> History { get; init; } = [];
}

public sealed record OrderLine(int CatalogItemId, int Quantity, decimal UnitPrice);

/// <summary>A custom piece; <c>ModelId</c> and <c>ModelSha256</c> are absent on pieces ordered before uploads existed.</summary>
public sealed record CustomPiece(
    Guid? ModelId, string ModelFileName, long ModelSizeBytes, string? ModelSha256, [property: Material] string Material, decimal? RingSizeMm, string? DimensionsMm, string? EngravingText);

public sealed record StatusChange([property: OrderStatus] string Status, DateTime ChangedAt);
