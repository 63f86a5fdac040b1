using System.ComponentModel.DataAnnotations;
using Jewelry.Contracts.Orders;

namespace Jewelry.ShopApi.Catalog;

/// <summary>Filters of the catalog list; every filter is optional.</summary>
public sealed record CatalogQuery
{
    /// <summary>ring, necklace, earrings, bracelet, pendant or brooch.</summary>
    [StringLength(32)]
    public string? Category { get; init; }

    /// <summary>Only items of this metal.</summary>
    [Material]
    public string? Material { get; init; }
}
