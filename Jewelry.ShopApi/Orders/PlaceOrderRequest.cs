using System.ComponentModel.DataAnnotations;
using Jewelry.Contracts.Orders;

namespace Jewelry.ShopApi.Orders;

/// <summary>An order: catalog items, a custom piece from the customer's 3D model, or both.</summary>
public sealed record PlaceOrderRequest(
    [property: MaxLength(20)] IReadOnlyList<OrderLineRequest>? Items,
    CustomPieceRequest? CustomPiece,
    [property: StringLength(500)] string? Comment) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((Items is null || Items.Count == 0) && CustomPiece is null)
        {
            yield return new ValidationResult("An order needs at least one catalog item or a custom piece.", [nameof(Items)]);
        }
    }
}

public sealed record OrderLineRequest(
    [property: Range(1, int.MaxValue)] int CatalogItemId,
    [property: Range(1, 10)] int Quantity);

/// <summary>A piece cast from a 3D model the customer uploaded first (POST /api/models gives its id).</summary>
public sealed record CustomPieceRequest(
    [property: Required] Guid? ModelId,
    [property: Required, Material] string Material,
    [property: Range(typeof(decimal), "10", "30")] decimal? RingSizeMm,
    [property: StringLength(50)] string? DimensionsMm,
    [property: StringLength(40)] string? EngravingText);
