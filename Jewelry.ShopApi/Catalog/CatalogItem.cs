using Jewelry.Contracts.Orders;

namespace Jewelry.ShopApi.Catalog;

public sealed record CatalogItem(
    int Id,
    string Sku,
    string Name,
    string Category,
    [property: Material] string Material,
    string? Gemstone,
    decimal Price,
    string Currency,
    bool IsCustomizable,
    string Description);
