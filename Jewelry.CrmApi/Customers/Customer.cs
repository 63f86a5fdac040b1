namespace Jewelry.CrmApi.Customers;

/// <summary>A customer; the tier decides the discount a customer gets on an order. Times are UTC.</summary>
public sealed record Customer(Guid Id, string FullName, string Email, string? Phone, [property: CustomerTier] string Tier, DateTime CreatedAt)
{
    public decimal DiscountPercent => CustomerTiers.DiscountPercentOf(Tier);
}
