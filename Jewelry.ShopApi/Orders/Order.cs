namespace Jewelry.ShopApi.Orders;

/// <summary>An order as its customer sees it. Times are UTC.</summary>
public sealed record Order(
    Guid Id,
    string Status,
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

public sealed record CustomPiece(string ModelFileName, long ModelSizeBytes, string Material, decimal? RingSizeMm, string? DimensionsMm, string? EngravingText);

public sealed record StatusChange(string Status, DateTime ChangedAt);
