using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Production;

/// <summary>What a custom piece costs to make, by material, before the customer's discount.</summary>
public static class PriceList
{
    private static readonly Dictionary<string, decimal> CustomPieceByMaterial = new()
    {
        [Materials.Silver925] = 250m,
        [Materials.Gold585] = 900m,
        [Materials.Gold750] = 1400m,
        [Materials.Platinum950] = 2100m,
    };

    public static decimal PriceOf(decimal subtotal, string? customPieceMaterial, decimal discountPercent)
    {
        var customPiece = customPieceMaterial is null ? 0m : CustomPieceByMaterial.GetValueOrDefault(customPieceMaterial, 1500m);
        return decimal.Round((subtotal + customPiece) * (1 - discountPercent / 100m), 2, MidpointRounding.AwayFromZero);
    }
}
