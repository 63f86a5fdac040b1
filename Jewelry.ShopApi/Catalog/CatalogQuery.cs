using System.ComponentModel.DataAnnotations;

namespace Jewelry.ShopApi.Catalog;

/// <summary>Filters of the catalog list; every filter is optional.</summary>
public sealed record CatalogQuery
{
    /// <summary>ring, necklace, earrings, bracelet, pendant or brooch.</summary>
    [StringLength(32)]
    public string? Category { get; init; }

    /// <summary>For example gold-585, gold-750, platinum-950 or silver-925.</summary>
    [StringLength(32)]
    public string? Material { get; init; }
}
